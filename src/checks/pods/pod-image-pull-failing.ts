// https://kubernetes.io/docs/concepts/containers/images/#imagepullbackoff
import { defineCheck } from '../../core/check.ts';
import { kubectl, warningEvidence, workloadOf } from '../../diagnose/pod-context.ts';
import { eventsFor } from '../../k8s/events.ts';
import { parseImage } from '../../k8s/images.ts';
import { containerStatuses, isTerminating } from '../../k8s/pod-status.ts';

const PULL_REASONS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'RegistryUnavailable',
]);

/** What the pull error text says, in the order a human would check it. */
export function pullFailureHint(text: string): string {
  const t = text.toLowerCase();
  if (/not found|manifest unknown|repository does not exist|name unknown/.test(t)) {
    return 'the image or tag does not exist in the registry (typo, or the tag was never pushed)';
  }
  if (/unauthorized|authentication required|denied|forbidden|401|403/.test(t)) {
    return 'the registry refused the credentials: add or fix imagePullSecrets (on the pod or its ServiceAccount)';
  }
  if (/no such host|dial tcp|i\/o timeout|connection refused|tls|x509/.test(t)) {
    return 'the node cannot reach the registry (DNS, firewall, proxy or TLS)';
  }
  if (/toomanyrequests|rate limit/.test(t))
    return 'the registry is rate-limiting pulls: authenticate or mirror the image';
  if (/invalid reference format|invalidimagename/.test(t)) return 'the image reference is malformed';
  return "read the Failed event message for the registry's answer";
}

export const podImagePullFailing = defineCheck({
  id: 'pod-image-pull-failing',
  title: 'Image cannot be pulled (ErrImagePull / ImagePullBackOff)',
  severity: 'high',
  category: 'reliability',
  description:
    "The kubelet cannot pull the container image, so the container never starts. The registry's answer in the " +
    'Failed event tells which: the image or tag does not exist, credentials are missing or wrong, or the node ' +
    'cannot reach the registry.',
  remediation:
    'Check the image name and tag (docker manifest inspect / crane digest), add imagePullSecrets for private ' +
    'registries, or fix node egress to the registry.',
  docs: ['https://kubernetes.io/docs/concepts/containers/images/'],
  appliesTo: ['Pod'],
  peers: { k8sgpt: ['Pod'] },
  *check(pod, { index, settings }) {
    if (isTerminating(pod.object)) return;
    for (const at of containerStatuses(pod.object)) {
      const waiting = at.status.state?.waiting;
      if (!waiting?.reason || !PULL_REASONS.has(waiting.reason)) continue;
      const image = at.status.image ?? '';
      const failed = eventsFor(index, pod.ref).find(
        (e) => e.reason === 'Failed' && e.message.includes('pull'),
      );
      const hint = pullFailureHint(`${failed?.message ?? ''} ${waiting.message ?? ''} ${waiting.reason}`);
      const registry = parseImage(image).registry ?? 'docker.io';
      const workload = workloadOf(index, pod);
      yield {
        path: ['status', at.kind === 'containers' ? 'containerStatuses' : 'initContainerStatuses', at.index],
        message: `container "${at.status.name}" cannot pull image "${image}" (${waiting.reason})`,
        evidence: [
          `container "${at.status.name}": waiting ${waiting.reason}${waiting.message ? `: ${waiting.message.slice(0, 300)}` : ''}`,
          `registry: ${registry}`,
          `likely: ${hint}`,
          ...warningEvidence(index, pod, settings.now, [
            'Failed',
            'BackOff',
            'InspectFailed',
            'ErrImageNeverPull',
          ]),
        ],
        cause: {
          key: `image-pull/${image}`,
          summary: `image "${image}" cannot be pulled: ${hint}`,
          workload,
          pods: 1,
          nextSteps: [
            kubectl(pod.ref.namespace, `describe pod ${pod.ref.name}`),
            kubectl(pod.ref.namespace, `get pod ${pod.ref.name} -o jsonpath='{.spec.imagePullSecrets}'`),
          ],
        },
      };
    }
  },
});
