// What a notification says: per cluster and interval, the findings that opened (at or above the threshold), the
// ones that resolved, and whether scans are failing. Built from the history's transitions only, never from a
// scan's full list, so an unchanged finding is never announced twice (docs/decisions/0062).
import { atOrAbove, type Severity, severityRank } from '../../core/severity.ts';

/** One lifecycle transition, as the history store's transitions() returns it. */
export interface Transition {
  /** The event's id: the send log's cursor. */
  id: number;
  cluster: string;
  kind: 'opened' | 'reopened' | 'resolved' | 'gone' | 'suppressed' | 'unsuppressed' | 'severity';
  at: number;
  severity: Severity;
  fingerprint: string;
  check: string;
  object: { apiVersion: string; kind: string; namespace?: string; name: string };
  message: string;
}

export interface NotificationItem {
  fingerprint: string;
  check: string;
  severity: Severity;
  object: string;
  message: string;
}

export interface ClusterNotification {
  cluster: string;
  opened: NotificationItem[];
  resolved: NotificationItem[];
  /** Why scans of the cluster are failing (a transition into failing), or undefined. */
  scanFailing?: string;
  /** The newest event id it covers; the send log records it so a restart resumes after it. */
  lastEventId: number;
  /** Stable id of this message (channel + cluster + event range): receivers and the log de-duplicate on it. */
  key: string;
}

export interface GroupOptions {
  /** Findings below this severity are not announced (resolutions of announced severities are). */
  threshold: Severity;
  /** Also announce findings that resolve. Default true. */
  resolved?: boolean;
}

/** Groups transitions per cluster into one message each; clusters with nothing to say get none. */
export function groupTransitions(
  transitions: readonly Transition[],
  failing: ReadonlyMap<string, string>,
  options: GroupOptions,
): ClusterNotification[] {
  const byCluster = new Map<string, Transition[]>();
  for (const t of transitions) {
    const list = byCluster.get(t.cluster);
    if (list) list.push(t);
    else byCluster.set(t.cluster, [t]);
  }
  for (const cluster of failing.keys()) if (!byCluster.has(cluster)) byCluster.set(cluster, []);
  const out: ClusterNotification[] = [];
  for (const [cluster, list] of [...byCluster].sort(([a], [b]) => a.localeCompare(b))) {
    const item = (t: Transition): NotificationItem => ({
      fingerprint: t.fingerprint,
      check: t.check,
      severity: t.severity,
      object: `${t.object.kind} ${t.object.namespace ? `${t.object.namespace}/` : ''}${t.object.name}`,
      message: t.message,
    });
    const relevant = list.filter((t) => atOrAbove(t.severity, options.threshold));
    const opened = relevant.filter((t) => t.kind === 'opened' || t.kind === 'reopened').map(item);
    const resolved =
      options.resolved === false ? [] : relevant.filter((t) => t.kind === 'resolved').map(item);
    const scanFailing = failing.get(cluster);
    if (opened.length === 0 && resolved.length === 0 && scanFailing === undefined) continue;
    const bySeverity = (a: NotificationItem, b: NotificationItem) =>
      severityRank(a.severity) - severityRank(b.severity) || a.object.localeCompare(b.object);
    let first = list.length > 0 ? Number.POSITIVE_INFINITY : 0;
    let last = 0;
    for (const t of list) {
      first = Math.min(first, t.id);
      last = Math.max(last, t.id);
    }
    out.push({
      cluster,
      opened: opened.sort(bySeverity),
      resolved: resolved.sort(bySeverity),
      ...(scanFailing !== undefined ? { scanFailing } : {}),
      lastEventId: last,
      key: `${cluster}:${first}-${last}${scanFailing !== undefined ? ':failing' : ''}`,
    });
  }
  return out;
}

/** "3 new findings (1 critical, 2 high), 2 resolved" */
export function headline(n: ClusterNotification): string {
  const parts: string[] = [];
  if (n.scanFailing !== undefined) parts.push('scans are failing');
  if (n.opened.length > 0) {
    const counts = new Map<string, number>();
    for (const i of n.opened) counts.set(i.severity, (counts.get(i.severity) ?? 0) + 1);
    const detail = [...counts].map(([s, c]) => `${c} ${s}`).join(', ');
    parts.push(`${n.opened.length} new finding${n.opened.length === 1 ? '' : 's'} (${detail})`);
  }
  if (n.resolved.length > 0) parts.push(`${n.resolved.length} resolved`);
  return `shipshape · ${n.cluster}: ${parts.join(', ')}`;
}
