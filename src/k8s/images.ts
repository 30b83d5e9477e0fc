// https://kubernetes.io/docs/concepts/containers/images/#image-names
export interface ImageName {
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits registry/repository:tag@digest the way container runtimes read it. */
export function parseImage(image: string): ImageName {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
  }
  let registry: string | undefined;
  const firstSlash = rest.indexOf('/');
  if (firstSlash !== -1) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  const name: ImageName = { repository: rest };
  if (registry) name.registry = registry;
  if (tag) name.tag = tag;
  if (digest) name.digest = digest;
  return name;
}
