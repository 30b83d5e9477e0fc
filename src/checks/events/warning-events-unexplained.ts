// https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/
// Runs as a second pass of diagnose (src/diagnose/unexplained-events.ts): it needs every other finding first.
import { defineCheck } from '../../core/check.ts';
import type { ObjectIndex } from '../../core/index.ts';
import type { LoadedObject } from '../../core/object.ts';
import { kindRead } from '../../diagnose/kinds.ts';
import { explainedObjects, lineage, objectKey } from '../../diagnose/unexplained-events.ts';
import { age } from '../../k8s/events.ts';

interface RawEvent {
  involvedObject?: { kind?: string; namespace?: string; name?: string };
  regarding?: { kind?: string; namespace?: string; name?: string };
  type?: string;
  reason?: string;
  message?: string;
  note?: string;
  count?: number;
  series?: { count?: number; lastObservedTime?: string };
  lastTimestamp?: string;
  eventTime?: string;
  metadata?: { creationTimestamp?: string };
}

interface Group {
  representative: LoadedObject;
  events: number;
  objects: Map<string, { kind: string; namespace?: string; name: string; last: number; message: string }>;
}

function lastSeen(raw: RawEvent): number {
  return Date.parse(
    raw.series?.lastObservedTime ??
      raw.lastTimestamp ??
      raw.eventTime ??
      raw.metadata?.creationTimestamp ??
      '',
  );
}

/** Unexplained recent Warning events grouped by reason and involved kind, computed once per run. */
function groups(
  index: ObjectIndex,
  explained: ReadonlySet<string>,
  now: number,
  windowMs: number,
  checkExists: (kind: string) => boolean,
): Map<string, Group> {
  return index.memo(`unexplained-event-groups/${windowMs}`, (idx) => {
    const out = new Map<string, Group>();
    for (const loaded of idx.ofKind('Event')) {
      const raw = loaded.object as unknown as RawEvent;
      if (raw.type !== 'Warning' || !raw.reason) continue;
      const about = raw.involvedObject ?? raw.regarding;
      if (!about?.kind || !about.name) continue;
      const namespace = about.namespace ?? loaded.ref.namespace;
      const last = lastSeen(raw);
      if (Number.isNaN(last) || now - last > windowMs) continue;
      // Events about objects that are gone (deleted pods) describe the past.
      if (checkExists(about.kind) && !idx.get(about.kind, namespace, about.name)) continue;
      if (lineage(idx, about.kind, namespace, about.name).some((k) => explained.has(k))) continue;
      const key = `${raw.reason}\u0000${about.kind}`;
      const group = out.get(key) ?? { representative: loaded, events: 0, objects: new Map() };
      group.events += Math.max(1, raw.series?.count ?? raw.count ?? 1);
      const objKey = objectKey(about.kind, namespace, about.name);
      const prior = group.objects.get(objKey);
      if (!prior || prior.last < last)
        group.objects.set(objKey, {
          kind: about.kind,
          ...(namespace ? { namespace } : {}),
          name: about.name,
          last,
          message: (raw.message ?? raw.note ?? '').trim(),
        });
      const rep = group.representative.object as unknown as RawEvent;
      if (lastSeen(rep) < last) group.representative = loaded;
      out.set(key, group);
    }
    return out;
  });
}

export const warningEventsUnexplained = defineCheck<{ windowMinutes: number }>({
  id: 'warning-events-unexplained',
  title: 'Recent Warning events that no other finding explains',
  severity: 'low',
  category: 'reliability',
  description:
    'Controllers and the kubelet record what goes wrong as Warning events. After every other analyzer ran, the ' +
    'Warning events of the last hour about objects that have no finding (directly or through their controllers) ' +
    'are grouped by reason and kind, so a problem shipshape has no analyzer for still shows up. Events about ' +
    'objects that no longer exist are skipped.',
  remediation:
    'Read the grouped event messages; kubectl get events --field-selector type=Warning,reason=<reason> -A shows ' +
    'all of them. If the reason is expected noise in your cluster, exclude this analyzer or suppress the object.',
  docs: ['https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/'],
  appliesTo: ['Event'],
  params: { windowMinutes: 60 },
  peers: { k8sgpt: ['Events'] },
  *check(event, { index, settings, params }) {
    const explained = explainedObjects(index);
    if (!explained) return; // first pass: the other findings are not known yet
    const now = settings.now.getTime();
    const all = groups(
      index,
      explained,
      now,
      params.windowMinutes * 60_000,
      (kind) => kindRead(settings, kind) && index.hasKind(kind),
    );
    const raw = event.object as unknown as RawEvent;
    const about = raw.involvedObject ?? raw.regarding;
    const group = all.get(`${raw.reason}\u0000${about?.kind}`);
    if (!group || group.representative !== event || !about?.kind) return;
    const objects = [...group.objects.values()].sort((a, b) => b.last - a.last);
    const latest = objects[0]!;
    const target = index.get(latest.kind, latest.namespace, latest.name);
    const where = `${objects.length} ${about.kind}${objects.length === 1 ? '' : 's'}`;
    yield {
      message: `${group.events} Warning ${raw.reason} event${group.events === 1 ? '' : 's'} on ${where} not explained by any other finding; latest: ${latest.message.slice(0, 200)}`,
      ...(target ? { target } : {}),
      evidence: objects
        .slice(0, 5)
        .map(
          (o) =>
            `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name} (${age(new Date(o.last), settings.now)} ago): ${o.message.slice(0, 160)}`,
        ),
      cause: {
        key: `events/${about.kind}/${raw.reason}`,
        summary: `Warning ${raw.reason} events on ${where} that no analyzer explains`,
        nextSteps: [`kubectl get events -A --field-selector type=Warning,reason=${raw.reason}`],
      },
    };
  },
});
