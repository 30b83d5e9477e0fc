// Kubernetes resource quantities: https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
// <quantity> ::= <signedNumber><suffix>; suffix is a binary SI unit (Ki … Ei), a decimal SI unit (n u m "" k M G T P E)
// or a decimal exponent (e3, E-2). Numbers may be written 1, 1.5, .5 or 1. (apimachinery's parser accepts all four).

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

/**
 * The value of a quantity in base units (cores for cpu, bytes for memory), or undefined when the value is not a
 * valid quantity. YAML numbers are taken as they are. Precision is that of a double, enough to compare.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim() === value ? value : '');
  if (!match) return undefined;
  const number = Number(match[1]);
  if (!Number.isFinite(number)) return undefined;
  if (match[3] !== undefined) return number * 10 ** Number(match[3]);
  const suffix = match[2] ?? '';
  const scale = BINARY[suffix] ?? DECIMAL[suffix];
  return scale === undefined ? undefined : number * scale;
}

export function isValidQuantity(value: unknown): boolean {
  return parseQuantity(value) !== undefined;
}

export type ResourceSection = 'requests' | 'limits';

/** A container's declared resources.<section>.<name>, tolerating any shape. */
export function declaredResource(container: unknown, section: ResourceSection, name: string): unknown {
  if (container === null || typeof container !== 'object') return undefined;
  const resources = (container as { resources?: unknown }).resources;
  if (resources === null || typeof resources !== 'object') return undefined;
  const map = (resources as Record<string, unknown>)[section];
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return undefined;
  return (map as Record<string, unknown>)[name];
}

/**
 * Resources whose request may be below the limit. Hugepages and extended resources (a domain other than
 * kubernetes.io) cannot be overcommitted: their request must equal their limit.
 * https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources
 */
export function isOvercommittable(name: string): boolean {
  if (name.startsWith('hugepages-')) return false;
  const slash = name.indexOf('/');
  if (slash === -1) return true;
  const domain = name.slice(0, slash);
  return domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io');
}
