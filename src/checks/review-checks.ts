// The checks of `shipshape review`, apart from the registry so review loads only these.
import type { AnyCheck } from '../core/check.ts';
import { configurationChecks } from './configuration/index.ts';
import { efficiencyChecks } from './efficiency/index.ts';
import { networkingChecks } from './networking/index.ts';
import { podSecurityChecks } from './pod-security/index.ts';
import { rbacChecks } from './rbac/index.ts';
import { referencesChecks } from './references/index.ts';
import { reliabilityChecks } from './reliability/index.ts';
import { schemaChecks } from './schema/index.ts';
import { securityChecks } from './security/index.ts';

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
