// Every check, by the command that runs it. Each folder's index.ts lists its own checks.
import type { AnyCheck } from '../core/check.ts';
import { admissionChecks } from './admission/index.ts';
import { autoscalingChecks } from './autoscaling/index.ts';
import { certificateChecks } from './certificates/index.ts';
import { clusterChecks } from './cluster/index.ts';
import { configurationChecks } from './configuration/index.ts';
import { efficiencyChecks } from './efficiency/index.ts';
import { eventChecks } from './events/index.ts';
import { hygieneChecks } from './hygiene/index.ts';
import { networkingChecks } from './networking/index.ts';
import { nodeChecks } from './nodes/index.ts';
import { podSecurityChecks } from './pod-security/index.ts';
import { podChecks } from './pods/index.ts';
import { rbacChecks } from './rbac/index.ts';
import { referencesChecks } from './references/index.ts';
import { reliabilityChecks } from './reliability/index.ts';
import { schemaChecks } from './schema/index.ts';
import { securityChecks } from './security/index.ts';
import { serviceChecks } from './services/index.ts';
import { storageChecks } from './storage/index.ts';
import { upgradeChecks } from './upgrade/index.ts';
import { workloadChecks } from './workloads/index.ts';

/** Checks of `shipshape review` (manifests, before they merge). */
export const REVIEW_CHECKS: readonly AnyCheck[] = [
  ...schemaChecks,
  ...securityChecks,
  ...podSecurityChecks,
  ...rbacChecks,
  ...reliabilityChecks,
  ...efficiencyChecks,
  ...configurationChecks,
  ...networkingChecks,
  ...referencesChecks,
];

/** Analyzers of `shipshape diagnose` (a live cluster or a snapshot: objects with status and events). */
export const DIAGNOSE_CHECKS: readonly AnyCheck[] = [
  ...podChecks,
  ...workloadChecks,
  ...nodeChecks,
  ...serviceChecks,
  ...storageChecks,
  ...autoscalingChecks,
  ...admissionChecks,
  ...clusterChecks,
  ...eventChecks,
];

/** Checks of `shipshape certs`. */
export const CERTS_CHECKS: readonly AnyCheck[] = certificateChecks;

/** Checks only `shipshape upgrade` runs (it also reuses diagnose's PDB and webhook analyzers). */
export const UPGRADE_CHECKS: readonly AnyCheck[] = upgradeChecks;

/** Checks of `shipshape hygiene` (the weekly sweep over a whole cluster or snapshot). */
export const HYGIENE_CHECKS: readonly AnyCheck[] = hygieneChecks;

export const ALL_CHECKS: readonly AnyCheck[] = [
  ...REVIEW_CHECKS,
  ...DIAGNOSE_CHECKS,
  ...CERTS_CHECKS,
  ...UPGRADE_CHECKS,
  ...HYGIENE_CHECKS,
];

export function findCheck(id: string): AnyCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
