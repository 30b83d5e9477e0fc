// Is a cluster's picture current and complete? The overview says so before any count: a stale, failing, partial
// or never-completed scan is never shown as healthy (docs/decisions/0062).
import type { Coverage } from '../../store/coverage.ts';
import type { ClusterSummary } from '../../store/read.ts';
import type { ClusterStatus } from '../contract.ts';

export type Level = 'ok' | 'warn' | 'bad';

export interface Freshness {
  level: Level;
  /** One sentence per problem; empty when the last completed scan is recent and complete. */
  notes: { level: Exclude<Level, 'ok'>; text: string }[];
  stale: boolean;
  failing: boolean;
  partial: boolean;
}

/** A scan that did not read everything: kinds missing, namespaces forbidden, or only some namespaces in scope. */
export function isPartial(coverage: Coverage): boolean {
  return (
    coverage.kindsMissing.length > 0 ||
    coverage.namespacesForbidden.length > 0 ||
    coverage.namespaces !== 'all'
  );
}

/** What the coverage leaves out, in a few words per gap (bounded). */
export function coverageGaps(coverage: Coverage, max = 5): string[] {
  const gaps: string[] = [];
  if (coverage.namespaces !== 'all')
    gaps.push(`only namespaces ${shortList(coverage.namespaces, max)} in scope`);
  if (coverage.kindsMissing.length > 0)
    gaps.push(
      `not read: ${shortList(
        coverage.kindsMissing.map((k) => `${k.kind} (${k.reason})`),
        max,
      )}`,
    );
  if (coverage.namespacesForbidden.length > 0)
    gaps.push(
      `forbidden: ${shortList(
        coverage.namespacesForbidden.map(
          (n) => `${n.namespace} (${n.kinds.includes('*') ? 'all kinds' : n.kinds.join(', ')})`,
        ),
        max,
      )}`,
    );
  return gaps;
}

function shortList(items: readonly string[], max: number): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** Stale: the last completed scan is older than two scan intervals. */
export const STALE_INTERVALS = 2;

export function assess(summary: ClusterSummary, status: ClusterStatus | undefined, now: number): Freshness {
  const notes: Freshness['notes'] = [];
  let stale = false;
  let failing = false;
  let partial = false;
  let level: Level = 'ok';
  const note = (l: Exclude<Level, 'ok'>, text: string) => {
    if (l === 'bad' || level === 'ok') level = l;
    notes.push({ level: l, text });
  };
  const completed = summary.lastCompleted;
  if (!completed) {
    stale = true;
    note('bad', 'no scan of this cluster has completed: nothing here is verified');
  }
  if (summary.lastScan?.status === 'failed') {
    failing = true;
    note(
      'bad',
      `the last scan failed (${ago(summary.lastScan.finishedAt, now)}): ${summary.lastScan.error ?? 'no reason recorded'}`,
    );
  }
  if (completed) {
    if (status) {
      const age = now - completed.finishedAt;
      if (age > STALE_INTERVALS * status.intervalMs) {
        stale = true;
        note(
          'bad',
          `stale: the last completed scan finished ${ago(completed.finishedAt, now)}, more than ${STALE_INTERVALS} scan intervals (${duration(status.intervalMs)} each)`,
        );
      }
    } else {
      note('warn', 'not scheduled by this serve instance: freshness unknown');
    }
    if (isPartial(completed.coverage)) {
      partial = true;
      note('warn', `partial: ${coverageGaps(completed.coverage).join('; ')}`);
    }
  }
  if (status?.lastError && !failing) {
    note('warn', `the last attempt in this instance failed: ${status.lastError}`);
  }
  return { level, notes, stale, failing, partial };
}

/** "3 min ago", "2 h ago", "5 d ago" (and "in …" for a future time). */
export function ago(at: number, now: number): string {
  const ms = now - at;
  return ms >= 0 ? `${duration(ms)} ago` : `in ${duration(-ms)}`;
}

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h`;
  return `${Math.round(h / 24)} d`;
}
