// https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy
import { defineCheck } from '../../core/check.ts';
import { getAt, type Path } from '../../core/path.ts';

const STRATEGY: Record<string, { path: Path; rolling: string }> = {
  Deployment: { path: ['spec', 'strategy', 'type'], rolling: 'RollingUpdate' },
  DaemonSet: { path: ['spec', 'updateStrategy', 'type'], rolling: 'RollingUpdate' },
  StatefulSet: { path: ['spec', 'updateStrategy', 'type'], rolling: 'RollingUpdate' },
  DeploymentConfig: { path: ['spec', 'strategy', 'type'], rolling: 'Rolling' },
};

export const workloadRollingUpdateMissing = defineCheck({
  id: 'workload-rolling-update-missing',
  title: 'Workload does not use a rolling update strategy',
  severity: 'low',
  category: 'reliability',
  description:
    'Recreate (Deployment) stops every old pod before starting new ones, so each rollout is an outage; OnDelete ' +
    '(StatefulSet, DaemonSet) never rolls out a template change until someone deletes the pods by hand. Unset ' +
    'defaults to RollingUpdate and is fine. Off by default: Recreate is a legitimate choice for workloads that ' +
    'hold a ReadWriteOnce volume or must never run two versions at once.',
  remediation:
    'Use strategy.type: RollingUpdate (Deployment) or updateStrategy.type: RollingUpdate (StatefulSet, DaemonSet), ' +
    'with maxUnavailable/maxSurge suited to the workload.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy',
    'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#update-strategies',
    'https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/',
  ],
  appliesTo: Object.keys(STRATEGY),
  enabledByDefault: false,
  peers: { 'kube-linter': ['no-rolling-update-strategy'] },
  *check({ object, ref }) {
    const strategy = STRATEGY[object.kind];
    if (!strategy) return;
    const type = getAt(object, strategy.path);
    if (typeof type !== 'string' || type === '' || type === strategy.rolling) return;
    yield {
      path: strategy.path,
      message: `${object.kind} "${ref.name}" uses the ${type} update strategy, not ${strategy.rolling}`,
    };
  },
});
