// `shipshape diagnose --describe FILE|-`: pasted `kubectl describe` text in, objects and the limits of the text out.
import type { KubeObject, LoadedObject } from '../../core/object.ts';
import { deepFreeze, refOf } from '../../core/object.ts';
import type { Problem } from '../../core/problem.ts';
import { redactForSnapshot } from '../../k8s/redact.ts';
import { DEFAULT_MAX_FILE_MIB, type InputBudget, readBoundedText } from '../read-input.ts';
import { PUBLIC_SECRET_KEYS } from '../snapshot/format.ts';
import { LISTED_ON_NODE, parseDescribe } from './parse-describe.ts';

export interface DescribeLoadResult {
  objects: LoadedObject[];
  problems: Problem[];
  /** What the analyzers could not know from the text alone, for the reader. */
  limits: string[];
  kinds: string[];
  capturedAt?: Date;
}

/** Describe text is small (one object per paste): each input is capped like a manifest file. */
export function readDescribeInput(path: string, budget?: InputBudget): string {
  return readBoundedText(path, {
    maxBytes: DEFAULT_MAX_FILE_MIB * 1024 * 1024,
    ...(budget ? { budget } : {}),
    label: path === '-' ? 'stdin' : 'the describe text',
  });
}

/** Several pastes (files) form one picture: the first description of an object wins, later copies are dropped. */
export function loadDescribe(inputs: { name: string; text: string }[], now = new Date()): DescribeLoadResult {
  const result: DescribeLoadResult = { objects: [], problems: [], limits: [], kinds: [] };
  const seen = new Set<string>();
  const kinds = new Set<string>();
  let captured: number | undefined;
  const parsedInputs = inputs.map((input) => ({ input, parsed: parseDescribe(input.text, now) }));
  for (const { parsed } of parsedInputs) {
    if (parsed.capturedAt)
      captured = Math.max(captured ?? Number.NEGATIVE_INFINITY, parsed.capturedAt.getTime());
  }
  for (const { input, parsed } of parsedInputs) {
    for (const note of parsed.notes)
      result.problems.push({ kind: 'input', level: 'warning', file: input.name, message: note });
    const dropped = new Set<string>();
    for (const object of parsed.objects) {
      if (object.kind === 'Event') {
        const about = object.involvedObject as { kind: string; namespace?: string; name: string };
        if (dropped.has(key(about.kind, about.namespace, about.name))) continue;
      } else {
        const k = key(object.kind, object.metadata.namespace, object.metadata.name ?? '');
        if (seen.has(k)) {
          dropped.add(k);
          continue;
        }
        seen.add(k);
      }
      // Pasted text may quote credentials in messages and env values: redacted before any check sees them.
      const safe = redactForSnapshot(object, PUBLIC_SECRET_KEYS);
      deepFreeze(safe);
      result.objects.push({ object: safe, ref: refOf(safe) });
    }
    for (const kind of parsed.kinds) kinds.add(kind);
  }
  result.kinds = [...kinds].sort();
  if (captured !== undefined) result.capturedAt = new Date(captured);
  result.limits = limitsOf(result.objects, kinds);
  return result;
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** Says plainly what a describe paste leaves out, so nobody reads silence as health. */
export function limitsOf(objects: readonly LoadedObject[], kinds: ReadonlySet<string>): string[] {
  const limits: string[] = [];
  const described = new Set(objects.map((o) => key(o.ref.kind, o.ref.namespace, o.ref.name)));
  const pods = objects.filter(
    (o) => o.ref.kind === 'Pod' && !o.object.metadata.annotations?.[LISTED_ON_NODE],
  );
  const pending = pods.filter((p) => {
    const spec = p.object.spec as { nodeName?: string } | undefined;
    return (p.object.status as { phase?: string } | undefined)?.phase === 'Pending' && !spec?.nodeName;
  });
  if (pending.length > 0 && !kinds.has('Node')) {
    limits.push(
      `node capacity, labels and taints are not in the text: the scheduler's reasoning for ${names(pending)} could not be reproduced; quoting FailedScheduling instead (add \`kubectl describe nodes\` to reproduce it)`,
    );
  }
  if (kinds.has('Node')) {
    const withoutPods = objects.filter(
      (o) =>
        o.ref.kind === 'Node' &&
        !objects.some((p) => p.object.metadata.annotations?.[LISTED_ON_NODE] === o.ref.name),
    );
    if (withoutPods.length > 0 && pending.length > 0)
      limits.push(
        `no "Non-terminated Pods" table for ${names(withoutPods)}: requests already committed there are unknown, so free capacity may be overstated`,
      );
  }
  const owners = new Set<string>();
  for (const p of pods) {
    const owner = p.object.metadata.ownerReferences?.[0];
    if (owner?.kind && owner.name && !described.has(key(owner.kind, p.ref.namespace, owner.name)))
      owners.add(`${owner.kind}/${owner.name}`);
  }
  if (owners.size > 0)
    limits.push(
      `owners not in the text (${[...owners].join(', ')}): replica counts, rollout state and sibling pods are unknown`,
    );
  const crashing = pods.some((p) =>
    (
      (p.object.status as { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] })
        ?.containerStatuses ?? []
    ).some((s) => s?.state?.waiting?.reason === 'CrashLoopBackOff'),
  );
  if (crashing)
    limits.push(
      'container logs are not part of describe output: the exit reason inside the app needs `kubectl logs --previous`',
    );
  if (pods.length > 0 && !kinds.has('Event'))
    limits.push(
      'no events in the text (the API server keeps them for one hour by default): recent causes may be missing',
    );
  if (pods.length > 0)
    limits.push(
      'referenced ConfigMaps, Secrets, Services and PVCs were not seen: a missing reference is reported only when the kubelet or a controller says so',
    );
  return limits;
}

function names(objects: readonly LoadedObject[]): string {
  const shown = objects
    .slice(0, 3)
    .map((o) => `${o.ref.kind.toLowerCase()} ${o.ref.namespace ? `${o.ref.namespace}/` : ''}${o.ref.name}`);
  return shown.join(', ') + (objects.length > 3 ? ` and ${objects.length - 3} more` : '');
}

export type { KubeObject };
