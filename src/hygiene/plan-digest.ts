// Each clean-up plan item carries a digest that binds it to the plan it was written in (decision 0032): sha256 of
// the item's fields with the plan's context, server and creation time, in a canonical JSON. A person reviewing the
// plan may remove items; an item edited or added by hand no longer matches and apply-plan refuses the plan. This
// is an integrity check against mistakes and naive edits, not a signature: the live re-check of every item
// (still there, unchanged, still a finding of its check) is what makes a forged item harmless.
import { createHash } from 'node:crypto';
import type { CleanupPlan, PlanItem } from './plan.ts';

export const DIGEST_PREFIX = 'sha256:';

export function itemDigest(meta: CleanupPlan['metadata'], item: PlanItem): string {
  const { digest: _digest, ...fields } = item;
  const bound = {
    plan: { context: meta.context, server: meta.server, createdAt: meta.createdAt },
    item: fields,
  };
  return DIGEST_PREFIX + createHash('sha256').update(canonical(bound)).digest('hex');
}

/** One line per item whose digest is missing or does not match. */
export function verifyPlanDigests(plan: CleanupPlan): string[] {
  const problems: string[] = [];
  plan.items.forEach((item, i) => {
    const where = `items[${i}] ${item.kind} ${item.namespace ? `${item.namespace}/` : ''}${item.name}`;
    if (!item.digest) problems.push(`${where}: has no digest`);
    else if (item.digest !== itemDigest(plan.metadata, item))
      problems.push(`${where}: does not match its digest`);
  });
  return problems;
}

/** JSON with object keys sorted at every level, so the digest does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
