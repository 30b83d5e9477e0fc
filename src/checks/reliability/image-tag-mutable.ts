// https://kubernetes.io/docs/concepts/containers/images/#image-names
import { defineCheck } from '../../core/check.ts';
import { parseImage } from '../../k8s/images.ts';
import { containerName, containersOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

/** `<YOUR-IMAGE>`, `{{ .Values.image }}`, `${IMAGE}`: a template's blank, not an image name. */
const PLACEHOLDER = /^\s*<[^<>]*>\s*$|\{\{|\$\{/;

export const imageTagMutable = defineCheck<{ mutableTags: string[] }>({
  id: 'image-tag-mutable',
  title: 'Image has no tag or uses a mutable tag such as "latest"',
  severity: 'high',
  category: 'reliability',
  description:
    'An image without a tag resolves to "latest". A mutable tag makes what runs depend on when a node pulled it: ' +
    'rollouts are not reproducible, rollbacks may not roll back, and nodes can run different code for one spec. ' +
    'An image that is still a placeholder (`<your-image>`, an unrendered `{{ }}` or `${}`) is reported as one.',
  remediation: 'Pin the image to a version tag (app:1.4.2) or, better, a digest (app@sha256:…).',
  docs: ['https://kubernetes.io/docs/concepts/configuration/overview/#container-images'],
  appliesTo: WORKLOAD_KINDS,
  params: { mutableTags: ['latest'] },
  peers: { polaris: ['tagNotSpecified'], 'kube-linter': ['latest-tag'] },
  *check({ object }, { params }) {
    for (const { container, path } of containersOf(object)) {
      if (typeof container.image !== 'string' || container.image === '') continue;
      const image = parseImage(container.image);
      if (image.digest) continue;
      if (PLACEHOLDER.test(container.image)) {
        // "<image_url> has no tag" would invent the problem: the name itself is still to be filled in.
        yield {
          path: [...path, 'image'],
          message: `container "${containerName(container)}" image "${container.image}" is a placeholder to replace with a pinned image`,
        };
      } else if (!image.tag) {
        yield {
          path: [...path, 'image'],
          message: `container "${containerName(container)}" image "${container.image}" has no tag`,
        };
      } else if (params.mutableTags.includes(image.tag)) {
        yield {
          path: [...path, 'image'],
          message: `container "${containerName(container)}" image "${container.image}" uses the mutable tag "${image.tag}"`,
        };
      }
    }
  },
});
