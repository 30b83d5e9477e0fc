// https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#deployment-status
import { defineCheck } from '../../core/check.ts';
import { describeRef } from '../../core/object.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { diagnoseRefusal, refusalOf } from '../../diagnose/pod-refusal.ts';
import { conditionText } from '../../k8s/condition-text.ts';
import { controllerRef } from '../../k8s/owners.ts';

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export interface WorkloadStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  updatedReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
  desiredNumberScheduled?: number;
  numberReady?: number;
  numberAvailable?: number;
  numberMisscheduled?: number;
  currentNumberScheduled?: number;
}

export const workloadReplicasUnavailable = defineCheck({
  id: 'workload-replicas-unavailable',
  title: 'Workload has fewer available replicas than desired',
  severity: 'high',
  category: 'reliability',
  description:
    "A Deployment, StatefulSet or DaemonSet runs fewer available pods than it should. The controller's " +
    'conditions say why when it knows: ProgressDeadlineExceeded (a rollout stopped making progress), ' +
    'ReplicaFailure (pods cannot even be created, e.g. a ResourceQuota is exceeded or admission denies them).',
  remediation:
    'Look at the pods of the workload (the pod findings usually name the root cause); for ReplicaFailure read the ' +
    'condition message (quota, admission webhook, PodSecurity); roll back a stuck rollout with kubectl rollout undo.',
  docs: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#deployment-status'],
  appliesTo: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'],
  peers: { k8sgpt: ['Deployment', 'StatefulSet'], popeye: ['POP-501'] },
  *check(workload, { index, settings }) {
    // A ReplicaSet owned by a Deployment in the set is judged through its Deployment.
    if (workload.ref.kind === 'ReplicaSet') {
      const owner = controllerRef(workload);
      if (owner && index.get(owner.kind, workload.ref.namespace, owner.name)) return;
    }
    const status = (workload.object.status ?? {}) as WorkloadStatus;
    const spec = (workload.object.spec ?? {}) as {
      replicas?: number;
      paused?: boolean;
      minReadySeconds?: number;
    };
    const daemon = workload.ref.kind === 'DaemonSet';
    const desired = daemon ? (status.desiredNumberScheduled ?? 0) : (spec.replicas ?? 1);
    const available = availableOf(workload.ref.kind, status);
    // During a rollout old and new pods coexist: status.replicas above ready means some are not ready.
    const running = daemon ? (status.currentNumberScheduled ?? 0) : (status.replicas ?? 0);
    const ready = daemon ? (status.numberReady ?? 0) : (status.readyReplicas ?? 0);
    const notReady = Math.max(0, running - ready);
    const conditions = Array.isArray(status.conditions) ? status.conditions : [];
    const failure = conditions.find((c) => c?.type === 'ReplicaFailure' && c.status === 'True');
    const stalled = conditions.find(
      (c) => c?.type === 'Progressing' && c.status === 'False' && c.reason === 'ProgressDeadlineExceeded',
    );
    // Pods the API server refuses to create: the ReplicaFailure condition, or a FailedCreate event while short.
    const refused = failure || available < desired ? refusalOf(index, workload) : undefined;
    if (available >= desired && notReady === 0 && !failure && !stalled) return;
    if (desired === 0 && !failure) return;
    // Ready pods already receive Service traffic; "available" also needs them ready for minReadySeconds.
    const readyButUnavailable = available < desired && ready >= desired;
    const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
    // Within minReadySeconds of becoming ready a pod is not yet available: the controller's normal wait.
    if (readyButUnavailable && minReady > 0 && notReady === 0 && !failure && !stalled) return;
    const created = Date.parse(workload.object.metadata.creationTimestamp ?? '');
    // A workload created a moment ago is still starting up.
    if (
      !failure &&
      !refused &&
      !stalled &&
      !Number.isNaN(created) &&
      settings.now.getTime() - created < 120_000
    )
      return;
    const refusal = refused ? diagnoseRefusal(index, workload, refused.refusal) : undefined;
    const parts = [`${available}/${desired} replicas available`];
    if (notReady > 0 && available >= desired)
      parts.push(`${notReady} of ${running} pods not ready (rollout in progress or stuck)`);
    if (readyButUnavailable)
      parts.push(
        minReady > 0
          ? `${ready} ready, not yet available (minReadySeconds ${minReady})`
          : `${ready} ready but ${available} available although minReadySeconds is 0: the controller counts both at once, so this status is out of date`,
      );
    if (failure) parts.push(`ReplicaFailure: ${failure.message ?? failure.reason ?? ''}`);
    else if (refused) parts.push(`pods cannot be created: ${refused.message}`);
    if (stalled) parts.push(`rollout stalled (ProgressDeadlineExceeded): ${stalled.message ?? ''}`);
    const name = describeRef(workload.ref);
    const ns = workload.ref.namespace;
    const kindLower = workload.ref.kind.toLowerCase();
    yield {
      path: ['status'],
      message: `${workload.ref.kind} "${workload.ref.name}": ${parts.join('; ')}`,
      evidence: conditions
        .filter((c) => (c && c.status !== 'True') || c?.type === 'ReplicaFailure')
        .map((c) => conditionText(c.type, c.status, c.reason, c.message)),
      severity:
        available >= desired || readyButUnavailable
          ? 'low'
          : available === 0 && desired > 0
            ? 'high'
            : 'medium',
      ...(refusal ? { remedy: refusal.remedy } : {}),
      cause: {
        key: refusal ? refusal.key : failure ? `replica-failure/${name}` : `unavailable/${name}`,
        summary: refusal
          ? `${name} cannot create pods: ${refusal.why}.`
          : failure
            ? `${name} cannot create pods: ${failure.message ?? failure.reason}`
            : `${name} has ${available}/${desired} replicas available`,
        ...(refusal?.upstream ? { upstream: refusal.upstream } : {}),
        workload: name,
        nextSteps: [
          // kubectl rollout knows Deployments, StatefulSets and DaemonSets, not ReplicaSets.
          ...(workload.ref.kind === 'ReplicaSet'
            ? []
            : [kubectl(ns, `rollout status ${kindLower}/${workload.ref.name} --timeout=10s`)]),
          kubectl(ns, `describe ${kindLower} ${workload.ref.name}`),
        ],
      },
    };
  },
});

/**
 * Available pods as the controller counted them. ReplicaSet, Deployment and DaemonSet statuses omit a zero count
 * (`availableReplicas,omitempty`, `numberAvailable,omitempty` in apps/v1), so an absent field is 0. StatefulSets
 * gained availableReplicas in Kubernetes 1.22; status written by an older control plane has only readyReplicas.
 * https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/replica-set-v1/#ReplicaSetStatus
 */
export function availableOf(kind: string, status: WorkloadStatus): number {
  if (kind === 'DaemonSet') return count(status.numberAvailable) ?? 0;
  if (kind === 'StatefulSet') return count(status.availableReplicas) ?? count(status.readyReplicas) ?? 0;
  return count(status.availableReplicas) ?? 0;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
