// Container probes and the ports they target.
// https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
import type { Path } from '../core/path.ts';
import type { Container } from './workloads.ts';

export const PROBE_KINDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];
export type ProbeHandler = 'httpGet' | 'tcpSocket' | 'grpc';

export interface ProbePort {
  probe: ProbeKind;
  handler: ProbeHandler;
  /** A port number or an IANA_SVC_NAME naming one of the container's ports (grpc takes numbers only). */
  port: number | string;
  /** Path to the port field, relative to the container. */
  path: Path;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function hasProbe(container: Container, kind: ProbeKind): boolean {
  return isObject(container[kind]);
}

/** The port each network probe of the container targets (exec probes have none). */
export function probePorts(container: Container, kinds: readonly ProbeKind[] = PROBE_KINDS): ProbePort[] {
  const out: ProbePort[] = [];
  for (const probe of kinds) {
    const spec = container[probe];
    if (!isObject(spec)) continue;
    for (const handler of ['httpGet', 'tcpSocket', 'grpc'] as const) {
      const action = spec[handler];
      if (!isObject(action)) continue;
      const port = action.port;
      if (typeof port === 'number' || (typeof port === 'string' && port !== ''))
        out.push({ probe, handler, port, path: [probe, handler, 'port'] });
    }
  }
  return out;
}

export interface DeclaredPort {
  name?: string;
  containerPort?: number;
  protocol: string;
}

/** The container's declared ports with the protocol defaulted to TCP; malformed entries are skipped. */
export function declaredPorts(container: Container): DeclaredPort[] {
  if (!Array.isArray(container.ports)) return [];
  const out: DeclaredPort[] = [];
  for (const entry of container.ports as unknown[]) {
    if (!isObject(entry)) continue;
    const port: DeclaredPort = { protocol: typeof entry.protocol === 'string' ? entry.protocol : 'TCP' };
    if (typeof entry.name === 'string') port.name = entry.name;
    if (typeof entry.containerPort === 'number') port.containerPort = entry.containerPort;
    out.push(port);
  }
  return out;
}

/**
 * Whether the probe's port is one the container declares over TCP (every probe handler speaks TCP).
 * A string made only of digits is a number, as the kubelet reads an IntOrString.
 */
export function probePortDeclared(port: number | string, ports: readonly DeclaredPort[]): boolean {
  const tcp = ports.filter((p) => p.protocol === 'TCP');
  if (typeof port === 'number' || /^\d+$/.test(port))
    return tcp.some((p) => p.containerPort === Number(port));
  return tcp.some((p) => p.name === port);
}
