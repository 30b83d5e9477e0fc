// Which finding explains which: a pod waits for its claim, a Deployment is unavailable because of its pods, a
// Service has no endpoints because its pods crash, pods on a lost node are lost with it. Each finding gets at most
// one parent finding; following parents leads to the root a person would fix first.
import type { Finding } from '../core/finding.ts';
import type { ObjectIndex } from '../core/index.ts';
import { severityRank } from '../core/severity.ts';
import { lineage, objectKey } from './unexplained-events.ts';

/** Kinds whose findings are about the pods they run: their pods' findings come first. */
const CONTROLLER_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'ReplicationController',
  'Job',
  'CronJob',
]);

/** Node findings that explain findings of the pods bound to that node. */
const NODE_ROOTS: Readonly<Record<string, (podCheck: string) => boolean>> = {
  // A node that stopped reporting: its pods' statuses are stale, they are lost or being evicted with it.
  'node-not-ready': () => true,
  // Pressure explains evictions; it does not explain a crash loop on the same node.
  'node-pressure': (check) => check === 'pod-evicted',
};

/**
 * The parent of each finding (an index into `findings`), or undefined for a root. Only findings for which `include`
 * holds take part; suppressed findings never do.
 */
export function linkFindings(
  findings: readonly Finding[],
  index: ObjectIndex | undefined,
  include: (f: Finding) => boolean = () => true,
): (number | undefined)[] {
  const active = (i: number) => {
    const f = findings[i];
    return f !== undefined && !f.suppressed && include(f);
  };
  const byObject = new Map<string, number[]>();
  const underController = new Map<string, number[]>();
  const onNode = new Map<string, number[]>();
  findings.forEach((f, i) => {
    if (!active(i)) return;
    const key = objectKey(f.object.kind, f.object.namespace, f.object.name);
    push(byObject, key, i);
    if (f.object.kind === 'Node' && f.check in NODE_ROOTS) push(onNode, f.object.name, i);
    if (index) {
      // The finding's controllers up the chain (ReplicaSet, Deployment; Job, CronJob) are explained by it.
      for (const owner of lineage(index, f.object.kind, f.object.namespace, f.object.name).slice(1))
        push(underController, owner, i);
    }
  });

  const parents: (number | undefined)[] = findings.map(() => undefined);
  findings.forEach((f, i) => {
    if (!active(i)) return;
    const candidates = new Set<number>();
    for (const ref of f.cause?.upstream ?? []) {
      for (const j of byObject.get(objectKey(ref.kind, ref.namespace, ref.name)) ?? []) {
        if (j !== i && (!ref.checks || ref.checks.includes(findings[j]!.check))) candidates.add(j);
      }
    }
    const key = objectKey(f.object.kind, f.object.namespace, f.object.name);
    if (CONTROLLER_KINDS.has(f.object.kind))
      for (const j of underController.get(key) ?? []) if (j !== i) candidates.add(j);
    if (f.object.kind === 'Pod' && index) {
      const nodeName = (
        index.get('Pod', f.object.namespace, f.object.name)?.object.spec as { nodeName?: unknown } | undefined
      )?.nodeName;
      for (const j of typeof nodeName === 'string' ? (onNode.get(nodeName) ?? []) : [])
        if (NODE_ROOTS[findings[j]!.check]!(f.check)) candidates.add(j);
    }
    parents[i] = choose(findings, [...candidates]);
  });
  breakCycles(parents);
  return parents;
}

/**
 * The most telling candidate: the most severe, then the reason most of the candidates share (three pods crashing
 * and one Pending behind a Deployment: the crash), then the first.
 */
function choose(findings: readonly Finding[], candidates: number[]): number | undefined {
  if (candidates.length <= 1) return candidates[0];
  const shared = new Map<string, number>();
  const keyOf = (j: number) => findings[j]!.cause?.key ?? findings[j]!.fingerprint;
  for (const j of candidates) shared.set(keyOf(j), (shared.get(keyOf(j)) ?? 0) + 1);
  return candidates.sort(
    (a, b) =>
      severityRank(findings[a]!.severity) - severityRank(findings[b]!.severity) ||
      shared.get(keyOf(b))! - shared.get(keyOf(a))! ||
      a - b,
  )[0];
}

/** A chain that comes back to itself has no root: the finding where it closes becomes one. */
function breakCycles(parents: (number | undefined)[]): void {
  const state = new Uint8Array(parents.length); // 0 unseen, 1 on the current path, 2 done
  for (let start = 0; start < parents.length; start++) {
    const path: number[] = [];
    let at: number | undefined = start;
    while (at !== undefined && state[at] === 0) {
      state[at] = 1;
      path.push(at);
      at = parents[at];
    }
    if (at !== undefined && state[at] === 1) parents[at] = undefined;
    for (const p of path) state[p] = 2;
  }
}

/** The root finding of each finding, following parents (acyclic after breakCycles). */
export function rootsOf(parents: readonly (number | undefined)[]): number[] {
  const roots: number[] = new Array(parents.length);
  for (let i = 0; i < parents.length; i++) {
    let at = i;
    while (parents[at] !== undefined) at = parents[at]!;
    roots[i] = at;
  }
  return roots;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
