// Every check, by the command that runs it. Each folder's index.ts lists its own checks.
import type { AnyCheck } from '../core/check.ts';
import { alertingChecks } from './alerting/index.ts';
import { certificateChecks } from './certificates/index.ts';
import { DIAGNOSE_CHECKS } from './diagnose-checks.ts';
import { hygieneChecks } from './hygiene/index.ts';
import { REVIEW_CHECKS } from './review-checks.ts';
import { rightsizeChecks } from './rightsize/index.ts';
import { upgradeChecks } from './upgrade/index.ts';

/** Checks of `shipshape certs`. */
export const CERTS_CHECKS: readonly AnyCheck[] = certificateChecks;

/** Checks only `shipshape upgrade` runs (it also reuses diagnose's PDB and webhook analyzers). */
export const UPGRADE_CHECKS: readonly AnyCheck[] = upgradeChecks;

/** Checks of `shipshape hygiene` (the weekly sweep over a whole cluster or snapshot). */
export const HYGIENE_CHECKS: readonly AnyCheck[] = hygieneChecks;

/** Checks of `shipshape alerts lint` (Prometheus rule files). */
export const ALERTS_CHECKS: readonly AnyCheck[] = alertingChecks;

/** Checks of `shipshape rightsize` (recommendations from usage history). */
export const RIGHTSIZE_CHECKS: readonly AnyCheck[] = rightsizeChecks;

export { DIAGNOSE_CHECKS, REVIEW_CHECKS };

export const ALL_CHECKS: readonly AnyCheck[] = [
  ...REVIEW_CHECKS,
  ...DIAGNOSE_CHECKS,
  ...CERTS_CHECKS,
  ...UPGRADE_CHECKS,
  ...HYGIENE_CHECKS,
  ...ALERTS_CHECKS,
  ...RIGHTSIZE_CHECKS,
];

export function findCheck(id: string): AnyCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
