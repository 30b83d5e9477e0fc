// Services, their ports, and what points at them (Ingress backends, ServiceMonitors).
// https://kubernetes.io/docs/concepts/services-networking/service/
// https://kubernetes.io/docs/concepts/services-networking/ingress/
import { LabelIndex, type ObjectIndex } from '../core/index.ts';
import type { KubeObject, LoadedObject } from '../core/object.ts';
import type { Path } from '../core/path.ts';
import { isRecord } from './disruption.ts';
import { CLUSTER_SERVICES, type KnownService, labelsOf, operatorServices } from './well-known.ts';

export interface ServicePort {
  name?: string;
  port?: number;
  /** As written; absent means "same as port". */
  targetPort?: number | string;
  protocol: string;
  index: number;
}

export function servicePorts(service: KubeObject): ServicePort[] {
  const spec = isRecord(service.spec) ? service.spec : undefined;
  if (!spec || !Array.isArray(spec.ports)) return [];
  const out: ServicePort[] = [];
  spec.ports.forEach((raw, index) => {
    if (!isRecord(raw)) return;
    const port: ServicePort = { protocol: typeof raw.protocol === 'string' ? raw.protocol : 'TCP', index };
    if (typeof raw.name === 'string') port.name = raw.name;
    if (typeof raw.port === 'number') port.port = raw.port;
    if (typeof raw.targetPort === 'number' || typeof raw.targetPort === 'string')
      port.targetPort = raw.targetPort;
    out.push(port);
  });
  return out;
}

/**
 * A Service-style selector (plain map), or undefined when there is none, or it is not a map of scalars (an
 * unrendered template such as `cell: {{cell}}` is a schema error, not a selector to match).
 */
export function serviceSelector(service: KubeObject): Record<string, string> | undefined {
  const selector = isRecord(service.spec) ? service.spec.selector : undefined;
  if (!isRecord(selector)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(selector)) {
    if (v !== null && typeof v === 'object') return undefined;
    if (v !== null) out[k] = String(v);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function serviceType(service: KubeObject): string {
  const type = isRecord(service.spec) ? service.spec.type : undefined;
  return typeof type === 'string' ? type : 'ClusterIP';
}

export interface IngressBackend {
  service: string;
  port?: { number: number } | { name: string };
  path: Path;
}

/**
 * Service backends of an Ingress: spec.defaultBackend and spec.rules[].http.paths[].backend (networking.k8s.io/v1
 * service.name/port), and the older spec.backend / serviceName/servicePort form (extensions, networking v1beta1).
 * Resource backends are not Services and are skipped.
 */
export function ingressBackends(ingress: KubeObject): IngressBackend[] {
  const spec = isRecord(ingress.spec) ? ingress.spec : undefined;
  if (!spec) return [];
  const out: IngressBackend[] = [];
  const read = (backend: unknown, path: Path) => {
    if (!isRecord(backend)) return;
    if (isRecord(backend.service)) {
      const svc = backend.service;
      if (typeof svc.name !== 'string' || svc.name === '') return;
      const entry: IngressBackend = { service: svc.name, path: [...path, 'service'] };
      if (isRecord(svc.port)) {
        if (typeof svc.port.number === 'number') entry.port = { number: svc.port.number };
        else if (typeof svc.port.name === 'string' && svc.port.name !== '')
          entry.port = { name: svc.port.name };
      }
      out.push(entry);
    } else if (typeof backend.serviceName === 'string' && backend.serviceName !== '') {
      const entry: IngressBackend = { service: backend.serviceName, path };
      const port = backend.servicePort;
      if (typeof port === 'number') entry.port = { number: port };
      else if (typeof port === 'string' && /^\d+$/.test(port)) entry.port = { number: Number(port) };
      else if (typeof port === 'string' && port !== '') entry.port = { name: port };
      out.push(entry);
    }
  };
  read(spec.defaultBackend, ['spec', 'defaultBackend']);
  read(spec.backend, ['spec', 'backend']);
  if (Array.isArray(spec.rules)) {
    spec.rules.forEach((rule, r) => {
      if (!isRecord(rule) || !isRecord(rule.http) || !Array.isArray(rule.http.paths)) return;
      rule.http.paths.forEach((p, i) => {
        if (isRecord(p)) read(p.backend, ['spec', 'rules', r, 'http', 'paths', i, 'backend']);
      });
    });
  }
  return out;
}

/** True when a Service declares the port an Ingress backend names (number: spec.ports[].port; name). */
export function serviceHasPort(service: KubeObject, port: { number: number } | { name: string }): boolean {
  return servicePorts(service).some((p) =>
    'number' in port ? p.port === port.number : p.name === port.name,
  );
}

/**
 * Every Service by its own metadata.labels, per namespace and also under ANY_NAMESPACE: the input's, those
 * operators in the input will create, and (when the input is partial) those every cluster has.
 */
export const ANY_NAMESPACE = '\u0000any';
export function servicesByLabels(index: ObjectIndex): LabelIndex<KnownService> {
  return index.memo('services-by-labels', (idx) => {
    const out = new LabelIndex<KnownService>();
    const add = (service: KnownService) => {
      out.add(service.namespace, service.labels, service);
      out.add(ANY_NAMESPACE, service.labels, service);
    };
    for (const service of idx.ofKind('Service')) {
      add({
        namespace: service.ref.namespace ?? '',
        name: service.ref.name,
        labels: labelsOf(service.object.metadata?.labels),
        from: 'the input',
      });
    }
    for (const service of operatorServices(idx)) add(service);
    if (idx.partial) for (const service of CLUSTER_SERVICES) add(service);
    return out;
  });
}

interface Slice {
  endpoints?: { conditions?: { ready?: boolean } }[];
}

/** EndpointSlices by "namespace/service" (their kubernetes.io/service-name label), built once per run. */
export function slicesByService(index: ObjectIndex): Map<string, LoadedObject[]> {
  return index.memo('endpointslices-by-service', (idx) => {
    const map = new Map<string, LoadedObject[]>();
    for (const slice of idx.ofKind('EndpointSlice')) {
      const service = slice.object.metadata.labels?.['kubernetes.io/service-name'];
      if (!service) continue;
      const key = `${slice.ref.namespace ?? ''}/${service}`;
      const list = map.get(key);
      if (list) list.push(slice);
      else map.set(key, [slice]);
    }
    return map;
  });
}

/** Endpoints of the Service, counted over its EndpointSlices. */
export function endpointCounts(
  index: ObjectIndex,
  namespace: string,
  name: string,
): { slices: number; endpoints: number } {
  const slices = slicesByService(index).get(`${namespace}/${name}`) ?? [];
  return {
    slices: slices.length,
    endpoints: slices.reduce((n, s) => n + ((s.object as unknown as Slice).endpoints?.length ?? 0), 0),
  };
}

/**
 * Whether some endpoint of the Service is ready: read from its EndpointSlices, or from v1 Endpoints (deprecated since
 * 1.33) when no slice exists, as in snapshots from older tools.
 */
export function hasReadyEndpoints(index: ObjectIndex, namespace: string, name: string): boolean {
  const slices = slicesByService(index).get(`${namespace}/${name}`) ?? [];
  if (
    slices.some((s) =>
      ((s.object as unknown as Slice).endpoints ?? []).some((e) => e?.conditions?.ready !== false),
    )
  )
    return true;
  if (slices.length > 0) return false;
  const endpoints = index.get('Endpoints', namespace, name);
  const subsets = (endpoints?.object as { subsets?: { addresses?: unknown[] }[] } | undefined)?.subsets;
  return Array.isArray(subsets) && subsets.some((s) => (s?.addresses?.length ?? 0) > 0);
}
