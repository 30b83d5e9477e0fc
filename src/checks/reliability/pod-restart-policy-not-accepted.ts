// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const podRestartPolicyNotAccepted = defineCheck<{ acceptedRestartPolicies: string[] }>({
  id: 'pod-restart-policy-not-accepted',
  title: 'Pod restartPolicy is not in the accepted list',
  severity: 'low',
  category: 'reliability',
  description:
    'A policy check, separate from what the API server allows (pod-restart-policy-invalid): by default only ' +
    'Always and OnFailure are accepted (parameter acceptedRestartPolicies), because with Never a failed Job ' +
    'pod is not restarted in place but replaced, leaving failed pods behind and losing the node-local retry. ' +
    'An unset policy counts as its default, Always. Off by default.',
  remediation: 'Use one of the accepted restart policies (OnFailure for Jobs, Always for services).',
  docs: ['https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy'],
  appliesTo: WORKLOAD_KINDS,
  enabledByDefault: false,
  params: { acceptedRestartPolicies: ['Always', 'OnFailure'] },
  peers: { 'kube-linter': ['restart-policy'] },
  *check({ object }, { index, params }) {
    if (reviewedThroughOwner(index, object)) return;
    const pod = podSpecOf(object);
    if (!pod) return;
    const declared = pod.spec.restartPolicy;
    if (declared !== undefined && typeof declared !== 'string') return;
    const effective = declared ?? 'Always';
    if (params.acceptedRestartPolicies.includes(effective)) return;
    yield {
      path: [...pod.path, 'restartPolicy'],
      message: `restartPolicy "${effective}" is not one of the accepted policies: ${params.acceptedRestartPolicies.join(', ')}`,
    };
  },
});
