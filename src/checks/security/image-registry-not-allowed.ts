// https://kubernetes.io/docs/concepts/containers/images/#image-names
import { defineCheck } from '../../core/check.ts';
import { parseImage } from '../../k8s/images.ts';
import { describeContainer, securedContainersOf } from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

/** registry/repository with Docker Hub's implicit names spelled out: nginx → docker.io/library/nginx. */
export function fullImageName(image: string): string {
  const parsed = parseImage(image);
  const registry = parsed.registry ?? 'docker.io';
  const repo =
    registry === 'docker.io' && !parsed.repository.includes('/')
      ? `library/${parsed.repository}`
      : parsed.repository;
  return `${registry}/${repo}`;
}

function allowedBy(full: string, entry: string): boolean {
  const e = entry.trim().replace(/(?<!\/)\/+$/, '');
  if (e === '') return false;
  const normalised =
    e === 'docker.io' || e.startsWith('docker.io/') ? e : e === 'index.docker.io' ? 'docker.io' : e;
  return full === normalised || full.startsWith(`${normalised}/`);
}

export const imageRegistryNotAllowed = defineCheck<{ allowedRegistries: string[] }>({
  id: 'image-registry-not-allowed',
  title: 'Image comes from a registry that is not allowed',
  severity: 'high',
  category: 'security',
  description:
    'Images pulled from arbitrary registries bypass the organisation’s scanning, signing and availability ' +
    'guarantees. An entry of allowedRegistries is a registry host ("registry.example.com") or a ' +
    'registry/path prefix ("ghcr.io/acme"); images without a registry are Docker Hub ("docker.io/library/…"). ' +
    'Does nothing while allowedRegistries is empty (the default).',
  remediation:
    'Pull the image from an allowed registry (mirror it there), or add the registry to `allowedRegistries` in ' +
    '.shipshape.yaml.',
  docs: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  appliesTo: WORKLOAD_KINDS,
  params: { allowedRegistries: [] },
  *check({ object }, { params }) {
    const allowed = Array.isArray(params.allowedRegistries)
      ? params.allowedRegistries.filter((r): r is string => typeof r === 'string' && r.trim() !== '')
      : [];
    if (allowed.length === 0) return;
    for (const c of securedContainersOf(object)) {
      const image = c.container.image;
      if (typeof image !== 'string' || image.trim() === '') continue;
      const full = fullImageName(image);
      if (allowed.some((entry) => allowedBy(full, entry))) continue;
      yield {
        path: [...c.path, 'image'],
        message: `${describeContainer(c)} image "${image}" is not from an allowed registry`,
      };
    }
  },
});
