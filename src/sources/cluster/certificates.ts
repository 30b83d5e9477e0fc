// The two certificates that are not Kubernetes objects: the kubeconfig's client certificate and the API
// server's serving certificate (read from the TLS handshake). Both become synthetic objects so the same
// certificate check judges them.
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import type { KubeObject } from '../../core/object.ts';

export async function kubeconfigCertificates(options: {
  kubeconfig?: string;
  context?: string;
  /** The whole handshake's deadline (default 10 s). */
  handshakeDeadlineMs?: number;
}): Promise<{ objects: KubeObject[]; warnings: string[] }> {
  const { loadKubeConfig } = await import('./kubeconfig.ts');
  const kc = loadKubeConfig(options);
  const context = kc.getCurrentContext();
  const objects: KubeObject[] = [];
  const warnings: string[] = [];
  const user = kc.getCurrentUser();
  const clientPem = user?.certData
    ? Buffer.from(user.certData, 'base64').toString('utf8')
    : user?.certFile
      ? safeRead(user.certFile, warnings)
      : undefined;
  if (clientPem) {
    objects.push(synthetic('ClientCertificate', `${context}/${user?.name ?? 'user'}`, clientPem));
  }
  const cluster = kc.getCurrentCluster();
  if (cluster?.server?.startsWith('https://')) {
    try {
      const pem = await servingCertificate(
        cluster.server,
        cluster.tlsServerName,
        options.handshakeDeadlineMs ?? HANDSHAKE_DEADLINE_MS,
      );
      objects.push(synthetic('ServingCertificate', new URL(cluster.server).host, pem));
    } catch (error) {
      warnings.push(
        `cannot read the API server's serving certificate from ${cluster.server}: ${(error as Error).message}`,
      );
    }
  }
  return { objects, warnings };
}

function synthetic(kind: string, name: string, pem: string): KubeObject {
  return { apiVersion: 'shipshape.dev/v1alpha1', kind, metadata: { name }, certificate: pem };
}

function safeRead(file: string, warnings: string[]): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    warnings.push(`cannot read client certificate file ${file}: ${(error as Error).message}`);
    return undefined;
  }
}

const HANDSHAKE_DEADLINE_MS = 10_000;

/** The leaf certificate the server presents; verification is off because we only read it. */
function servingCertificate(
  server: string,
  serverName: string | undefined,
  deadlineMs: number,
): Promise<string> {
  const url = new URL(server);
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      {
        host: url.hostname,
        port: Number(url.port || 443),
        servername: serverName ?? (isIp(url.hostname) ? undefined : url.hostname),
        rejectUnauthorized: false,
        timeout: deadlineMs,
      },
      () => {
        const cert = socket.getPeerCertificate();
        socket.end();
        if (!cert?.raw) return reject(new Error('no certificate presented'));
        const base64 = cert.raw.toString('base64').replace(/.{64}/g, '$&\n');
        resolve(`-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`);
      },
    );
    // The socket timeout only fires on idleness: a server trickling bytes would keep it alive for ever.
    const deadline = setTimeout(
      () => socket.destroy(new Error(`TLS handshake did not complete within ${deadlineMs / 1000} s`)),
      deadlineMs,
    );
    socket.once('close', () => clearTimeout(deadline));
    socket.on('timeout', () => socket.destroy(new Error('TLS handshake timed out')));
    socket.on('error', reject);
  });
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
