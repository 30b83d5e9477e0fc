// https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
import { defineCheck } from '../../core/check.ts';
import { parseImage } from '../../k8s/images.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { containerName, containersOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

/** The policy the API server defaults when the field is unset: Always for :latest or no tag, else IfNotPresent. */
export function effectivePullPolicy(image: unknown, declared: unknown): string | undefined {
  if (typeof declared === 'string' && declared !== '') return declared;
  if (typeof image !== 'string' || image === '') return undefined;
  const parsed = parseImage(image);
  if (parsed.digest) return 'IfNotPresent';
  return !parsed.tag || parsed.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

export const imagePullPolicyNotAlways = defineCheck({
  id: 'image-pull-policy-not-always',
  title: 'Image pull policy is not Always',
  severity: 'low',
  category: 'reliability',
  description:
    'With IfNotPresent (the default for a tagged image) or Never, a node runs whatever image it cached under ' +
    'that tag, and with Never it does not check the registry’s credentials either: a pod may run an image its ' +
    'imagePullSecrets would not allow. With Always the kubelet resolves the tag to a digest at every start ' +
    '(cheap: layers are cached). Off by default: with immutable tags or digests IfNotPresent is a reasonable ' +
    'choice and avoids a registry dependency at start. An unset policy is judged by its default (Always for ' +
    ':latest or no tag).',
  remediation: 'Set imagePullPolicy: Always, or pin images by digest.',
  docs: ['https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy'],
  appliesTo: WORKLOAD_KINDS,
  enabledByDefault: false,
  peers: { polaris: ['pullPolicyNotAlways'] },
  fixes: {
    suggested:
      'set imagePullPolicy: Always. Not safe: a pod then starts only when the registry answers, and images ' +
      'loaded onto the nodes (air-gapped, kind load) stop starting.',
  },
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    for (const { container, path } of containersOf(object, ['containers', 'initContainers'])) {
      const policy = effectivePullPolicy(container.image, container.imagePullPolicy);
      if (policy === undefined || policy === 'Always') continue;
      const unset = container.imagePullPolicy === undefined;
      yield {
        path: [...path, unset ? 'image' : 'imagePullPolicy'],
        message: `container "${containerName(container)}" ${
          unset ? `defaults to imagePullPolicy ${policy}` : `has imagePullPolicy ${policy}`
        }`,
        fix: {
          description: 'set imagePullPolicy: Always',
          edits: [{ op: 'set', path: [...path, 'imagePullPolicy'], value: 'Always' }],
          safety: 'suggested',
          risk: 'pods stop starting when the registry is unreachable, or for images loaded onto the nodes',
        },
      };
    }
  },
});
