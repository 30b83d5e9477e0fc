// Writes to the API server for apply-plan (DELETE with preconditions and dry-run, POST to restore). Raw HTTPS with
// @kubernetes/client-node's KubeConfig.applyToHTTPSOptions for auth, like src/sources/cluster/client.ts (which
// is GET-only by design): objects stay the exact JSON the server sent, and the backup is that JSON.
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { DELETABLE } from './plan.ts';

export interface ApiResponse {
  status: number;
  body: unknown;
}

/** What apply-plan needs from a cluster; tests pass a fake. */
export interface KubeApi {
  readonly context: string;
  readonly server: string;
  request(method: 'GET' | 'DELETE' | 'POST', path: string, body?: unknown): Promise<ApiResponse>;
}

/** /api/v1/namespaces/ns/configmaps[/name] for a kind apply-plan knows. */
export function resourcePath(kind: string, namespace: string | undefined, name?: string): string {
  const type = DELETABLE[kind];
  if (!type) throw new Error(`unknown kind ${kind}`);
  const base = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  const ns = type.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
  return `${base}${ns}/${type.resource}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}

export class HttpKubeApi implements KubeApi {
  readonly context: string;
  readonly server: string;
  private readonly kc: KubeConfig;
  private readonly timeoutMs: number;

  private constructor(kc: KubeConfig, timeoutMs: number) {
    this.kc = kc;
    this.context = kc.getCurrentContext();
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error(`kubeconfig context "${this.context}" names no cluster`);
    this.server = cluster.server.replace(/(?<!\/)\/+$/, '');
    this.timeoutMs = timeoutMs;
  }

  static async connect(o: {
    kubeconfig?: string;
    context?: string;
    timeoutMs?: number;
  }): Promise<HttpKubeApi> {
    const { KubeConfig } = await import('../sources/cluster/kubeconfig.ts');
    const kc = new KubeConfig();
    if (o.kubeconfig) kc.loadFromFile(o.kubeconfig);
    else kc.loadFromDefault();
    if (o.context) {
      if (!kc.getContextObject(o.context)) throw new Error(`kubeconfig has no context "${o.context}"`);
      kc.setCurrentContext(o.context);
    }
    return new HttpKubeApi(kc, o.timeoutMs ?? 30_000);
  }

  async request(method: 'GET' | 'DELETE' | 'POST', path: string, body?: unknown): Promise<ApiResponse> {
    const url = new URL(this.server + path);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const options: https.RequestOptions = {
      method,
      hostname: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      headers: {
        Accept: 'application/json',
        ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
      },
      timeout: this.timeoutMs,
    };
    await this.kc.applyToHTTPSOptions(options);
    const transport = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const req = transport.request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${path} timed out after ${this.timeoutMs} ms`)),
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }
}

/** The API server's own message from a Status body, or the HTTP status. */
export function statusMessage(response: ApiResponse): string {
  const body = response.body as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`;
}
