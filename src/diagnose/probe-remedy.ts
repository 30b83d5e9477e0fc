// The fix for a failing probe follows from how the kubelet says it failed: an HTTP status means the app answered
// and its health endpoint says no; a refused connection means nothing listens where the probe looks; a timeout
// means the app is slower than timeoutSeconds; a command that exits non-zero says so itself.
// https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/

export interface ProbeSpec {
  httpGet?: { path?: unknown; port?: unknown; scheme?: unknown };
  tcpSocket?: { port?: unknown };
  grpc?: { port?: unknown };
  exec?: { command?: unknown };
  timeoutSeconds?: unknown;
  failureThreshold?: unknown;
  initialDelaySeconds?: unknown;
}

export interface ProbedContainer {
  name: string;
  probe: ProbeSpec;
  /** Ports the container declares, as "name 8080" or "8080". */
  ports: string[];
}

/** What the probe asks for, in words: "GET /healthz on port 8080". */
function target(probe: ProbeSpec): string {
  if (probe.httpGet)
    return `${String(probe.httpGet.scheme ?? 'HTTP')} GET ${String(probe.httpGet.path ?? '/')} on port ${String(probe.httpGet.port)}`;
  if (probe.tcpSocket) return `a TCP connection to port ${String(probe.tcpSocket.port)}`;
  if (probe.grpc) return `a gRPC health check on port ${String(probe.grpc.port)}`;
  return 'its probe';
}

/** The status code in "HTTP probe failed with statuscode: 503", or undefined. */
function statusCode(message: string): number | undefined {
  const marker = 'statuscode: ';
  const at = message.indexOf(marker);
  if (at < 0) return undefined;
  const code = Number.parseInt(message.slice(at + marker.length, at + marker.length + 3), 10);
  return Number.isInteger(code) ? code : undefined;
}

/**
 * The fix for the failure the kubelet reported, with the probe's own numbers; undefined when the message names no
 * failure we know (the check's general remediation applies then).
 */
export function probeRemedy(
  kind: string,
  message: string,
  c: ProbedContainer | undefined,
): string | undefined {
  const probe = c?.probe ?? {};
  const what = c ? `The ${kind} probe of container "${c.name}" (${target(probe)})` : `The ${kind} probe`;
  const code = statusCode(message);
  if (code === 404)
    return `${what} gets HTTP 404: the app has no such path. Set httpGet.path to the health path the app serves.`;
  if (code !== undefined && code >= 500)
    return (
      `${what} reaches the app, which answers HTTP ${code}: the app reports itself unhealthy. ` +
      "Read the app's log for what its health check depends on (a database, a downstream service) and fix that; " +
      'loosening the probe would only hide it.'
    );
  if (code !== undefined)
    return `${what} gets HTTP ${code}; the kubelet counts only 200–399 as healthy. Point the probe at a path that answers 2xx, or make the app answer it.`;
  const lower = message.toLowerCase();
  if (lower.includes('connection refused')) {
    const declared = c && c.ports.length > 0 ? ` (the container declares ${c.ports.join(', ')})` : '';
    return (
      `${what} finds nothing listening: compare the probe's port with the port the app listens on${declared}. ` +
      'If the app only listens after a slow start, add a startupProbe instead of widening this one.'
    );
  }
  if (
    lower.includes('context deadline exceeded') ||
    lower.includes('timeout') ||
    lower.includes('timed out')
  ) {
    const seconds = typeof probe.timeoutSeconds === 'number' ? probe.timeoutSeconds : 1;
    return `${what} gets no answer within timeoutSeconds (${seconds} s): raise timeoutSeconds if the app is merely slow to answer, or find what blocks it.`;
  }
  if (probe.exec && (lower.includes('exit code') || lower.includes('command'))) {
    const command = Array.isArray(probe.exec.command) ? probe.exec.command.map(String).join(' ') : '';
    return `${what} runs ${command ? `"${command}", which` : 'a command that'} fails: run it in the container (kubectl exec) to see why.`;
  }
  return undefined;
}
