// Groups findings that share a root cause and ranks causes by impact: twenty pods failing on one missing
// ConfigMap are one cause with twenty pods of impact, not twenty problems. Findings that follow from another
// finding (causal-links.ts) join that finding's cause as consequences: a claim on a missing StorageClass, the pod
// waiting for it and the StatefulSet short of replicas are one cause whose root is the claim.
import type { Finding } from '../core/finding.ts';
import type { ObjectIndex } from '../core/index.ts';
import { describeRef } from '../core/object.ts';
import type { Cause, CauseConsequence } from '../core/report.ts';
import { type Severity, severityRank } from '../core/severity.ts';
import { linkFindings, rootsOf } from './causal-links.ts';

const MAX_NEXT_STEPS = 8;

/**
 * One cause per root. `index` (the object set the findings came from) lets ownership and nodes link findings;
 * without it only the links the analyzers declared are followed. Findings for which `include` does not hold are
 * left out; the indexes in the causes are always into `findings`.
 */
export function groupCauses(
  findings: readonly Finding[],
  index?: ObjectIndex,
  include: (f: Finding) => boolean = () => true,
): Cause[] {
  const parents = linkFindings(findings, index, include);
  const roots = rootsOf(parents);
  const groups = new Map<string, number[]>();
  findings.forEach((finding, i) => {
    if (finding.suppressed || !include(finding)) return;
    const root = findings[roots[i]!]!;
    const key = root.cause?.key ?? `${root.check}/${root.fingerprint}`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const causes: Cause[] = [];
  for (const [key, members] of groups) {
    const rootMembers = members.filter((i) => parents[i] === undefined);
    const consequences = ordered(members, parents);
    const first = findings[rootMembers[0]!]!;
    const all = [...rootMembers, ...consequences.map((c) => c.finding)];
    causes.push({
      id: key,
      summary: sentence(first.cause?.summary ?? first.message),
      severity: mostSevere(all.map((i) => findings[i]!.severity)),
      impact: impactOf(all.map((i) => findings[i]!)),
      findings: all,
      root: rootMembers,
      consequences,
      fix: first.remediation,
      nextSteps: nextStepsOf(
        rootMembers.map((i) => findings[i]!),
        consequences.map((c) => findings[c.finding]!),
      ),
      runbook: first.runbook,
    });
  }
  return causes.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      b.impact.pods - a.impact.pods ||
      b.impact.workloads.length - a.impact.workloads.length ||
      a.id.localeCompare(b.id),
  );
}

/** Consequences nearest the root first (the pod before the StatefulSet that waits for it), then in report order. */
function ordered(members: number[], parents: readonly (number | undefined)[]): CauseConsequence[] {
  const depth = (i: number) => {
    let d = 0;
    for (let at = parents[i]; at !== undefined; at = parents[at]) d++;
    return d;
  };
  return members
    .filter((i) => parents[i] !== undefined)
    .map((i) => ({ i, d: depth(i) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map(({ i }) => ({ finding: i, of: parents[i]! }));
}

/** A summary reads as one sentence: capital first letter, one full stop at the end. */
export function sentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '') return t;
  const capital = /^[a-z]/.test(t) ? `${t[0]!.toUpperCase()}${t.slice(1)}` : t;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function mostSevere(severities: Severity[]): Severity {
  return severities.reduce((worst, s) => (severityRank(s) < severityRank(worst) ? s : worst));
}

function impactOf(members: Finding[]): Cause['impact'] {
  const namespaces = new Set<string>();
  const workloads = new Set<string>();
  let pods = 0;
  for (const f of members) {
    if (f.object.namespace) namespaces.add(f.object.namespace);
    const workload = f.cause?.workload ?? (f.object.kind === 'Pod' ? undefined : describeRef(f.object));
    if (workload) workloads.add(workload);
    pods += f.cause?.pods ?? (f.object.kind === 'Pod' ? 1 : 0);
  }
  return { namespaces: [...namespaces].sort(), workloads: [...workloads].sort(), pods };
}

/**
 * Five pods of one cause need one `describe pod`, not five: steps that differ only by the object's name are the
 * same step. The root's steps come first; a consequence adds only its first step (the root is what to fix).
 */
function nextStepsOf(roots: Finding[], consequences: Finding[]): string[] {
  const steps: string[] = [];
  const shapes = new Set<string>();
  const members = [
    ...roots.map((f) => ({ f, steps: f.cause?.nextSteps ?? [] })),
    ...consequences.map((f) => ({ f, steps: (f.cause?.nextSteps ?? []).slice(0, 1) })),
  ];
  for (const { f, steps: own } of members) {
    for (const step of own) {
      const shape = f.object.name ? step.split(f.object.name).join('<name>') : step;
      if (shapes.has(shape)) continue;
      shapes.add(shape);
      steps.push(step);
    }
  }
  return steps.slice(0, MAX_NEXT_STEPS);
}
