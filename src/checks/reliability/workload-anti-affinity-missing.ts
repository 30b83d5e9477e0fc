// https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity
import { defineCheck } from '../../core/check.ts';
import { matchesSelector } from '../../k8s/labels.ts';
import { asLabelSelector, hpaFor, reviewedThroughOwner } from '../../k8s/replicas.ts';
import { podSpecOf, podTemplateLabels, replicasOf } from '../../k8s/workloads.ts';

interface Term {
  labelSelector?: unknown;
  namespaces?: unknown;
  namespaceSelector?: unknown;
  topologyKey?: unknown;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Why an anti-affinity term does not keep this workload's own pods apart, or undefined when it does. */
function termProblem(
  term: Term,
  namespace: string,
  labels: Record<string, string>,
  keys: string[],
): string | undefined {
  if (!term || typeof term !== 'object') return 'an anti-affinity term is not an object';
  // Namespaces: the pod's own when both namespaces and namespaceSelector are unset; a namespaceSelector
  // (even {}) may select it, which only the cluster knows.
  const namespaces = asArray(term.namespaces).filter((n): n is string => typeof n === 'string');
  if (namespaces.length > 0 && !namespaces.includes(namespace) && term.namespaceSelector == null)
    return `the pod's namespace "${namespace}" is not among the anti-affinity namespaces [${namespaces.join(', ')}]`;
  if (typeof term.topologyKey !== 'string' || !keys.includes(term.topologyKey))
    return `the anti-affinity topologyKey "${String(term.topologyKey ?? '')}" is not one of ${keys.join(', ')}`;
  const selector = asLabelSelector(term.labelSelector);
  if (!selector) return 'an anti-affinity term has no usable labelSelector, so it matches no pods';
  if (!matchesSelector(selector, labels))
    return "the anti-affinity labelSelector does not match the workload's own pod labels";
  return undefined;
}

function spreadsByTopologyConstraint(
  spec: Record<string, unknown>,
  keys: string[],
  labels: Record<string, string>,
) {
  return asArray(spec.topologySpreadConstraints).some((c) => {
    if (!c || typeof c !== 'object') return false;
    const constraint = c as { topologyKey?: unknown; labelSelector?: unknown };
    const selector = asLabelSelector(constraint.labelSelector);
    return (
      typeof constraint.topologyKey === 'string' &&
      keys.includes(constraint.topologyKey) &&
      !!selector &&
      matchesSelector(selector, labels)
    );
  });
}

export const workloadAntiAffinityMissing = defineCheck<{ minReplicas: number; topologyKeys: string[] }>({
  id: 'workload-anti-affinity-missing',
  title: 'Replicated workload does not keep its pods apart',
  severity: 'low',
  category: 'reliability',
  indexes: ['hpa-targets'],
  description:
    'Without pod anti-affinity (or a topology spread constraint) the scheduler may put every replica on one ' +
    'node, and losing that node takes all of them down. A term only protects the workload when it selects the ' +
    'workload’s own pods (labelSelector matching the pod template labels), in the pod’s namespace (namespaces ' +
    'unset, containing it, or a namespaceSelector), over a failure-domain topologyKey (parameter topologyKeys: ' +
    'kubernetes.io/hostname and topology.kubernetes.io/zone by default). Checked for workloads with at least ' +
    'minReplicas (default 2) replicas, counting an HPA’s maxReplicas.',
  remediation:
    'Add spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution with a ' +
    'labelSelector equal to the pod labels and topologyKey kubernetes.io/hostname, or a topologySpreadConstraint ' +
    'on that key.',
  docs: [
    'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
  ],
  appliesTo: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig'],
  params: { minReplicas: 2, topologyKeys: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'] },
  peers: { 'kube-linter': ['no-anti-affinity'] },
  *check({ object, ref }, { index, params }) {
    if (reviewedThroughOwner(index, object)) return;
    const pod = podSpecOf(object);
    if (!pod) return;
    const declared = replicasOf(object) ?? 0;
    const hpa = hpaFor(index, object);
    const replicas = Math.max(declared, hpa?.max ?? 0);
    if (replicas < params.minReplicas) return;
    // The count shown is the manifest's, or says that it is the HPA's ceiling.
    const runs =
      hpa?.max !== undefined && hpa.max > declared
        ? `may run ${hpa.max} replicas (maxReplicas of HorizontalPodAutoscaler "${hpa.hpa.ref.name}")`
        : `has ${replicas} replicas`;
    const labels = podTemplateLabels(object) ?? {};
    if (spreadsByTopologyConstraint(pod.spec, params.topologyKeys, labels)) return;
    const antiAffinity = (pod.spec.affinity as { podAntiAffinity?: Record<string, unknown> } | undefined)
      ?.podAntiAffinity;
    const preferred = asArray(antiAffinity?.preferredDuringSchedulingIgnoredDuringExecution).map(
      (w) => (w as { podAffinityTerm?: Term } | null)?.podAffinityTerm as Term,
    );
    const required = asArray(antiAffinity?.requiredDuringSchedulingIgnoredDuringExecution) as Term[];
    const terms = [...preferred, ...required];
    if (terms.length === 0) {
      yield {
        path: [...pod.path, 'affinity'],
        message: `${object.kind} "${ref.name}" ${runs} but no pod anti-affinity or topology spread constraint`,
      };
      return;
    }
    const problems = terms.map((t) =>
      termProblem(t, ref.namespace ?? 'default', labels, params.topologyKeys),
    );
    if (problems.some((p) => p === undefined)) return;
    for (const problem of new Set(problems))
      yield {
        path: [...pod.path, 'affinity', 'podAntiAffinity'],
        message: `${object.kind} "${ref.name}" ${runs} but its pod anti-affinity does not spread them: ${problem}`,
      };
  },
});
