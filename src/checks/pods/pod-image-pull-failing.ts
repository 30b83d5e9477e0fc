// https://kubernetes.io/docs/concepts/containers/images/#imagepullbackoff
import { defineCheck } from '../../core/check.ts';
import { closestNames } from '../../core/edit-distance.ts';
import type { ObjectIndex } from '../../core/index.ts';
import type { LoadedObject } from '../../core/object.ts';
import { kubectl, warningEvidence, workloadOf } from '../../diagnose/pod-context.ts';
import { otherTagsInUse } from '../../diagnose/suggestions.ts';
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

type PullFailure = 'not-found' | 'denied' | 'unreachable' | 'rate-limited' | 'malformed' | 'unknown';

/** What the pull error text says, in the order a human would check it. */
function classifyPull(text: string): PullFailure {
  const t = text.toLowerCase();
  if (/not found|manifest unknown|repository does not exist|name unknown/.test(t)) return 'not-found';
  if (/unauthorized|authentication required|denied|forbidden|401|403/.test(t)) return 'denied';
  if (/no such host|dial tcp|i\/o timeout|connection refused|tls|x509/.test(t)) return 'unreachable';
  if (/toomanyrequests|rate limit/.test(t)) return 'rate-limited';
  if (/invalid reference format|invalidimagename/.test(t)) return 'malformed';
  return 'unknown';
}

const HINTS: Record<PullFailure, string> = {
  'not-found': 'the image or tag does not exist in the registry (typo, or the tag was never pushed)',
  denied:
    'the registry refused the credentials: add or fix imagePullSecrets (on the pod or its ServiceAccount)',
  unreachable: 'the node cannot reach the registry (DNS, firewall, proxy or TLS)',
  'rate-limited': 'the registry is rate-limiting pulls: authenticate or mirror the image',
  malformed: 'the image reference is malformed',
  unknown: "read the Failed event message for the registry's answer",
};

export function pullFailureHint(text: string): string {
  return HINTS[classifyPull(text)];
}

/** The fix for the registry's answer, with the tags of the same repository that do run in the cluster. */
function pullRemedy(index: ObjectIndex, pod: LoadedObject, image: string, failure: PullFailure): string {
  const { registry, repository, tag } = parseImage(image);
  const repo = `${registry ?? 'docker.io'}/${repository}`;
  switch (failure) {
    case 'not-found': {
      const others = otherTagsInUse(index, image);
      const near = tag
        ? closestNames(
            tag,
            others.map((o) => o.tag),
            1,
          )[0]
        : undefined;
      const running =
        others.length > 0
          ? ` Tags of ${repo} running in the cluster: ${others
              .slice(0, 4)
              .map((o) => `${o.tag} (${o.pods} pod${o.pods === 1 ? '' : 's'})`)
              .join(', ')}.`
          : '';
      return (
        `${near ? `Did you mean tag ${near}? ` : ''}${repo}${tag ? `:${tag}` : ''} is not in the registry: fix the tag in ` +
        `the pod template, or push that tag.${running}`
      );
    }
    case 'denied': {
      const spec = pod.object.spec as
        | { imagePullSecrets?: { name?: string }[]; serviceAccountName?: string }
        | undefined;
      const secrets = (spec?.imagePullSecrets ?? []).map((s) => s?.name).filter((n): n is string => !!n);
      return secrets.length > 0
        ? `The registry ${registry ?? 'docker.io'} refused the pull secret${secrets.length > 1 ? 's' : ''} ${secrets.join(', ')}: ` +
            'check that it holds valid credentials for this registry (kubectl get secret … -o jsonpath={.type} is kubernetes.io/dockerconfigjson).'
        : `The pod pulls from ${registry ?? 'docker.io'} without credentials: add an imagePullSecret for that registry to the pod ` +
            `or to its ServiceAccount ${spec?.serviceAccountName ?? 'default'}.`;
    }
    case 'unreachable':
      return `Let the nodes reach ${registry ?? 'docker.io'} (DNS, firewall, proxy, or the registry's TLS certificate), or mirror the image to a registry they can reach.`;
    case 'rate-limited':
      return `Authenticate pulls from ${registry ?? 'docker.io'} (imagePullSecrets) or mirror the image: the registry rate-limits anonymous pulls.`;
    case 'malformed':
      return `Write the image reference as registry/repository:tag (or @sha256:digest): "${image}" is not one.`;
    default:
      return "Read the Failed event for the registry's answer; check the image name and tag (crane digest), the pull secrets and node egress to the registry.";
  }
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
      const failure = classifyPull(`${failed?.message ?? ''} ${waiting.message ?? ''} ${waiting.reason}`);
      const hint = HINTS[failure];
      const registry = parseImage(image).registry ?? 'docker.io';
      const workload = workloadOf(index, pod);
      yield {
        path: ['status', at.kind === 'containers' ? 'containerStatuses' : 'initContainerStatuses', at.index],
        message: `container "${at.status.name}" cannot pull image "${image}" (${waiting.reason})`,
        remedy: pullRemedy(index, pod, image, failure),
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
          summary: `Image ${image} cannot be pulled: ${hint}.`,
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
