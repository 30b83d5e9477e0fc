// https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/
import { defineCheck } from '../../core/check.ts';
import { replicasOf } from '../../k8s/workloads.ts';
import { upgradeTarget } from './upgrade-target.ts';

export const workloadDrainDowntime = defineCheck({
  id: 'workload-drain-downtime',
  title: 'Workload will be down while its node is drained',
  severity: 'low',
  category: 'upgrade',
  description:
    'Node upgrades drain every node. A workload with a single replica is unavailable from eviction until its ' +
    'replacement is ready elsewhere; a bare pod (no controller) is deleted and never comes back.',
  remediation:
    'Run at least two replicas (with a PodDisruptionBudget) for anything that must stay up; put bare pods under a Deployment or Job.',
  docs: ['https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/'],
  appliesTo: ['Deployment', 'StatefulSet', 'Pod'],
  isActive: (settings) => upgradeTarget(settings) !== undefined,
  *check(loaded, { settings }) {
    if (!upgradeTarget(settings)) return;
    if (loaded.ref.kind === 'Pod') {
      if (loaded.object.metadata.ownerReferences?.length) return;
      const phase = (loaded.object.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      // Static/mirror pods are managed by the kubelet, not the drain.
      if (loaded.object.metadata.annotations?.['kubernetes.io/config.mirror']) return;
      yield {
        message: `bare pod "${loaded.ref.name}" has no controller: draining its node deletes it for good`,
        severity: 'medium',
      };
      return;
    }
    if (replicasOf(loaded.object) === 1) {
      yield {
        path: ['spec', 'replicas'],
        message: `${loaded.ref.kind} "${loaded.ref.name}" runs 1 replica: it is down while its node drains`,
      };
    }
  },
});
