// Events by the object they are about, newest first, with counts and ages the way kubectl describe shows them.
// https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/
import type { ObjectIndex } from '../core/index.ts';
import type { ObjectRef } from '../core/object.ts';

export interface ClusterEvent {
  type: string;
  reason: string;
  message: string;
  count: number;
  first?: Date;
  last?: Date;
  source?: string;
}

interface RawEvent {
  involvedObject?: { kind?: string; namespace?: string; name?: string };
  regarding?: { kind?: string; namespace?: string; name?: string };
  reason?: string;
  message?: string;
  note?: string;
  type?: string;
  count?: number;
  deprecatedCount?: number;
  series?: { count?: number; lastObservedTime?: string };
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  metadata?: { creationTimestamp?: string };
  source?: { component?: string };
  reportingController?: string;
  reportingComponent?: string;
}

export function eventsByObject(index: ObjectIndex): Map<string, ClusterEvent[]> {
  return index.memo('events-by-object', (idx) => {
    const map = new Map<string, ClusterEvent[]>();
    for (const kind of ['Event']) {
      for (const loaded of idx.ofKind(kind)) {
        const raw = loaded.object as unknown as RawEvent;
        const about = raw.involvedObject ?? raw.regarding;
        if (!about?.kind || !about.name) continue;
        const key = eventKey(about.kind, about.namespace ?? loaded.ref.namespace, about.name);
        const event = toEvent(raw);
        const list = map.get(key);
        if (list) list.push(event);
        else map.set(key, [event]);
      }
    }
    for (const list of map.values()) list.sort((a, b) => (b.last?.getTime() ?? 0) - (a.last?.getTime() ?? 0));
    return map;
  });
}

export function eventsFor(
  index: ObjectIndex,
  ref: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>,
): ClusterEvent[] {
  return eventsByObject(index).get(eventKey(ref.kind, ref.namespace, ref.name)) ?? [];
}

function eventKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

function toEvent(raw: RawEvent): ClusterEvent {
  const last = date(
    raw.series?.lastObservedTime ?? raw.lastTimestamp ?? raw.eventTime ?? raw.metadata?.creationTimestamp,
  );
  const first = date(raw.firstTimestamp ?? raw.eventTime ?? raw.metadata?.creationTimestamp);
  const event: ClusterEvent = {
    type: raw.type ?? 'Normal',
    reason: raw.reason ?? '',
    message: (raw.message ?? raw.note ?? '').trim(),
    count: Math.max(1, raw.series?.count ?? raw.count ?? raw.deprecatedCount ?? 1),
  };
  if (first) event.first = first;
  if (last) event.last = last;
  const source = raw.source?.component ?? raw.reportingController ?? raw.reportingComponent;
  if (source) event.source = source;
  return event;
}

function date(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "Warning BackOff (x12 over 5m, last 30s ago): Back-off restarting failed container" */
export function formatEvent(event: ClusterEvent, now: Date): string {
  const times: string[] = [];
  if (event.count > 1) times.push(`x${event.count}${event.first ? ` over ${age(event.first, now)}` : ''}`);
  if (event.last) times.push(`last ${age(event.last, now)} ago`);
  return `${event.type} ${event.reason}${times.length ? ` (${times.join(', ')})` : ''}: ${event.message}`;
}

/** kubectl-style age: 45s, 12m, 3h, 2d. Clock skew (a time in the future) reads as 0s. */
export function age(from: Date, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}
