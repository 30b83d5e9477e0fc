// https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#how-daemon-pods-are-scheduled
// https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations
import { defineCheck } from '../../core/check.ts';
import { describeRef } from '../../core/object.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { podsByController } from '../../k8s/owners.ts';
import { isFinished } from '../../k8s/pod-status.ts';
import {
  matchesNodeSelectorAndAffinity,
  type Taint,
  type Toleration,
  tolerates,
} from '../../k8s/scheduling.ts';
import type { PodSpec } from '../../k8s/workloads.ts';

interface DaemonSetStatus {
  desiredNumberScheduled?: number;
  currentNumberScheduled?: number;
  numberMisscheduled?: number;
  numberReady?: number;
}

/** The DaemonSet controller adds these tolerations to every daemon pod (network-unavailable for hostNetwork). */
export function daemonTolerations(spec: PodSpec): Toleration[] {
  const own = Array.isArray(spec.tolerations) ? (spec.tolerations as Toleration[]) : [];
  const added: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if ((spec as { hostNetwork?: unknown }).hostNetwork === true)
    added.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return [...own, ...added];
}

export const daemonsetNotScheduled = defineCheck({
  id: 'daemonset-not-scheduled',
  title: 'DaemonSet pods missing on nodes that should run them, or running where they should not',
  severity: 'high',
  category: 'reliability',
  description:
    'The DaemonSet controller counts the nodes its pod may run on (node selector, node affinity, and taints the ' +
    'pod tolerates) as desiredNumberScheduled. Fewer current pods than that means node agents (log shippers, CNI, ' +
    'CSI, monitoring) are missing on some nodes, usually because those nodes lack room for the daemon pod. ' +
    'Misscheduled pods run on nodes that no longer match (labels or taints changed). Nodes with taints the ' +
    'DaemonSet does not tolerate are not counted: skipping them is intended, not a failure.',
  remediation:
    'Find the nodes without a daemon pod (evidence below) and describe the Pending daemon pod there; give daemon ' +
    'pods a high priorityClassName (system-node-critical) so they preempt ordinary pods, or free capacity. For ' +
    'misscheduled pods fix the node labels or the DaemonSet selector.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#how-daemon-pods-are-scheduled',
    'https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations',
  ],
  appliesTo: ['DaemonSet'],
  peers: { k8sgpt: ['DaemonSet'] },
  *check(ds, { index, settings }) {
    const status = (ds.object.status ?? {}) as DaemonSetStatus;
    const desired =
      typeof status.desiredNumberScheduled === 'number' ? status.desiredNumberScheduled : undefined;
    const current =
      typeof status.currentNumberScheduled === 'number' ? status.currentNumberScheduled : undefined;
    const misscheduled = typeof status.numberMisscheduled === 'number' ? status.numberMisscheduled : 0;
    if (desired === undefined || current === undefined) return;
    if (current >= desired && misscheduled === 0) return;
    const created = Date.parse(ds.object.metadata.creationTimestamp ?? '');
    if (!Number.isNaN(created) && settings.now.getTime() - created < 120_000) return;
    const ns = ds.ref.namespace;
    const spec = ((ds.object.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec ??
      {}) as PodSpec;
    // Which eligible nodes have no daemon pod, judged the way the controller does.
    const running = new Set(
      (podsByController(index).get(`DaemonSet/${ns ?? ''}/${ds.ref.name}`) ?? [])
        .filter((p) => !isFinished(p.object))
        .map((p) => (p.object.spec as { nodeName?: string } | undefined)?.nodeName)
        .filter((n): n is string => typeof n === 'string'),
    );
    const tolerations = daemonTolerations(spec);
    const missingOn: string[] = [];
    for (const node of index.ofKind('Node')) {
      if (running.has(node.ref.name)) continue;
      const taints = ((node.object.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter(
        (t) => t && (t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
      );
      if (!Array.isArray(taints) || taints.some((t) => !tolerates(tolerations, t))) continue;
      if (!matchesNodeSelectorAndAffinity(spec, node.object)) continue;
      missingOn.push(node.ref.name);
    }
    const parts: string[] = [];
    if (current < desired) parts.push(`${desired - current} of ${desired} eligible nodes have no daemon pod`);
    if (misscheduled > 0) parts.push(`${misscheduled} pod(s) run on nodes they should not (misscheduled)`);
    const name = describeRef(ds.ref);
    yield {
      path: ['status'],
      message: `DaemonSet "${ds.ref.name}": ${parts.join('; ')}`,
      evidence: [
        `status: desired ${desired}, current ${current}, ready ${status.numberReady ?? 0}, misscheduled ${misscheduled}`,
        ...(missingOn.length > 0
          ? [
              `nodes without a daemon pod: ${missingOn.slice(0, 10).join(', ')}${missingOn.length > 10 ? ` and ${missingOn.length - 10} more` : ''}`,
            ]
          : []),
      ],
      severity: current === 0 && desired > 0 ? 'high' : 'medium',
      cause: {
        key: `unavailable/${name}`,
        summary: `${name}: ${parts.join('; ')}`,
        workload: name,
        nextSteps: [
          kubectl(ns, `describe daemonset ${ds.ref.name}`),
          kubectl(ns, `get pods -o wide --field-selector status.phase=Pending`),
        ],
      },
    };
  },
});
