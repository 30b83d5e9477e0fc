// https://kubernetes.io/docs/concepts/workloads/pods/#working-with-pods
import { defineCheck } from '../../core/check.ts';
import { podStatus } from '../../k8s/pod-status.ts';
import { excluded, HYGIENE_DEFAULTS, type HygieneParams, hasOwner } from './shared.ts';

export const podBare = defineCheck<HygieneParams>({
  id: 'pod-bare',
  title: 'Pod without an owner',
  severity: 'low',
  category: 'hygiene',
  description:
    'A running pod no controller owns (no ownerReferences) is not re-created when it is evicted, its node drains or fails: usually a `kubectl run` debugging session left behind, or a workload someone started by hand. Static (mirror) pods and finished pods are not judged.',
  remediation: 'Delete it if it is a leftover; otherwise run it from a Deployment, StatefulSet or Job.',
  docs: ['https://kubernetes.io/docs/concepts/workloads/pods/#working-with-pods'],
  appliesTo: ['Pod'],
  params: HYGIENE_DEFAULTS,
  peers: { popeye: ['POP-206'] },
  *check(pod, { index, params }) {
    if (index.partial || excluded(pod.ref, params) || hasOwner(pod.object)) return;
    if (pod.object.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
    const phase = podStatus(pod.object).phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    yield { message: `Pod "${pod.ref.name}" has no owner: nothing re-creates it if it goes away` };
  },
});
