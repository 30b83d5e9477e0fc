// Groups findings that share a root cause and ranks causes by impact: twenty pods failing on one missing
// ConfigMap are one cause with twenty pods of impact, not twenty problems.
import type { Finding } from '../core/finding.ts';
import { describeRef } from '../core/object.ts';
import type { Cause } from '../core/report.ts';
import { type Severity, severityRank } from '../core/severity.ts';

export function groupCauses(findings: readonly Finding[]): Cause[] {
  const groups = new Map<string, { indexes: number[]; first: Finding }>();
  findings.forEach((finding, i) => {
    if (finding.suppressed) return;
    const key = finding.cause?.key ?? `${finding.check}/${finding.fingerprint}`;
    const group = groups.get(key);
    if (group) group.indexes.push(i);
    else groups.set(key, { indexes: [i], first: finding });
  });
  const causes: Cause[] = [];
  for (const [key, { indexes, first }] of groups) {
    const members = indexes.map((i) => findings[i]!);
    const namespaces = new Set<string>();
    const workloads = new Set<string>();
    let pods = 0;
    let severity: Severity = first.severity;
    const nextSteps: string[] = [];
    // Five pods of one cause need one `describe pod`, not five: steps that differ only by the object's name
    // are the same step.
    const stepShapes = new Set<string>();
    for (const f of members) {
      if (f.object.namespace) namespaces.add(f.object.namespace);
      const workload = f.cause?.workload ?? (f.object.kind === 'Pod' ? undefined : describeRef(f.object));
      if (workload) workloads.add(workload);
      pods += f.cause?.pods ?? (f.object.kind === 'Pod' ? 1 : 0);
      if (severityRank(f.severity) < severityRank(severity)) severity = f.severity;
      for (const step of f.cause?.nextSteps ?? []) {
        const shape = f.object.name ? step.split(f.object.name).join('<name>') : step;
        if (stepShapes.has(shape)) continue;
        stepShapes.add(shape);
        nextSteps.push(step);
      }
    }
    causes.push({
      id: key,
      summary: first.cause?.summary ?? first.message,
      severity,
      impact: { namespaces: [...namespaces].sort(), workloads: [...workloads].sort(), pods },
      findings: indexes,
      nextSteps: nextSteps.slice(0, 8),
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
