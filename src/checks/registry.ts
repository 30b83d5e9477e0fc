// Every check, by the command that runs it. Each folder's index.ts lists its own checks.
import type { AnyCheck } from '../core/check.ts';
import { networkingChecks } from './networking/index.ts';
import { reliabilityChecks } from './reliability/index.ts';

/** Checks of `shipshape review` (manifests, before they merge). */
export const REVIEW_CHECKS: readonly AnyCheck[] = [...reliabilityChecks, ...networkingChecks];

export const ALL_CHECKS: readonly AnyCheck[] = [...REVIEW_CHECKS];

export function findCheck(id: string): AnyCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
