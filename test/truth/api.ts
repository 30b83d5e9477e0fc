// A small admin client for the truth runs: raw HTTPS to the test bed's kube-apiserver with the credentials of
// the kubeconfig (client certificate or token, via @kubernetes/client-node), one keep-alive agent, bounded
// concurrency. Writes are raw POSTs so that the server's own verdict (status code and Status message) is
// what we compare against; nothing here retries a 4xx.
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface ApiResponse {
  status: number;
  /** Parsed JSON body (a Status object on errors), or undefined when the body is not JSON. */
  body: unknown;
  text: string;
  /** The texts of the response's Warning headers (deprecated APIs, ignored fields, …). */
  warnings: string[];
}

/** `299 - "v1 Endpoints is deprecated in v1.33+; …"` → the quoted text (RFC 7234 warn-text). */
function warningTexts(header: string | string[] | undefined): string[] {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  return values.flatMap((value) =>
    [...value.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1')),
  );
}

/** The `message` of a Kubernetes Status body, else the raw text. */
export function statusMessage(response: ApiResponse): string {
  const body = response.body as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : response.text.slice(0, 500);
}

/**
 * Suffix of this run's namespaces: the previous run's namespaces may still be Terminating (the namespace
 * controller takes a while for 70 of them), and waiting for them would only slow a re-run down.
 */
export const RUN_ID = Date.now().toString(36).slice(-6);

/** A request body sent byte for byte, with its content type. */
export class RawBody {
  readonly text: string;
  readonly contentType: string;
  constructor(text: string, contentType: string) {
    this.text = text;
    this.contentType = contentType;
  }
}

export class AdminApi {
  readonly server: string;
  private readonly agent: https.Agent;
  private readonly headers: Record<string, string>;

  private constructor(server: string, agent: https.Agent, headers: Record<string, string>) {
    this.server = server;
    this.agent = agent;
    this.headers = headers;
  }

  static async connect(kubeconfig: string, context = 'admin', maxSockets = 8): Promise<AdminApi> {
    const { KubeConfig } = await import('@kubernetes/client-node');
    const kc: KubeConfig = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    if (kc.getContextObject(context)) kc.setCurrentContext(context);
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error(`kubeconfig ${kubeconfig}: context "${context}" names no cluster`);
    const options: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(options);
    const agent = new https.Agent({
      keepAlive: true,
      maxSockets,
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      ...(options.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.rejectUnauthorized } : {}),
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {}))
      if (typeof value === 'string') headers[name] = value;
    return new AdminApi(cluster.server.replace(/\/+$/, ''), agent, headers);
  }

  /** `body` is sent as JSON; a `{ raw, contentType }` body is sent as is (e.g. YAML text). */
  request(method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<ApiResponse> {
    const url = new URL(this.server + path);
    const raw = body instanceof RawBody ? body : undefined;
    const payload = body === undefined ? undefined : Buffer.from(raw ? raw.text : JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const request = https.request(
        {
          method,
          hostname: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          agent: this.agent,
          timeout: timeoutMs,
          headers: {
            ...this.headers,
            Accept: 'application/json',
            ...(payload
              ? {
                  'Content-Type':
                    raw?.contentType ??
                    (method === 'PATCH' ? 'application/merge-patch+json' : 'application/json'),
                  'Content-Length': String(payload.length),
                }
              : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = undefined;
            }
            resolve({
              status: response.statusCode ?? 0,
              body: parsed,
              text,
              warnings: warningTexts(response.headers.warning),
            });
          });
        },
      );
      request.on('timeout', () =>
        request.destroy(new Error(`${method} ${path} timed out after ${timeoutMs} ms`)),
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  async get(path: string): Promise<ApiResponse> {
    return this.request('GET', path);
  }

  /** GET that must succeed; returns the parsed body. */
  async getJson(path: string): Promise<unknown> {
    const response = await this.request('GET', path);
    if (response.status !== 200)
      throw new Error(`GET ${path}: ${response.status} ${statusMessage(response)}`);
    return response.body;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `work` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Creates a namespace (really) with labels, tolerating AlreadyExists; waits until it is Active. */
export async function ensureNamespace(api: AdminApi, name: string, labels: Record<string, string> = {}) {
  const created = await api.request('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'truth.shipshape.dev/run': 'true', ...labels } },
  });
  if (created.status === 409) {
    // Left over from an interrupted run: make sure its labels are ours, and that it is not terminating.
    const existing = (await api.getJson(`/api/v1/namespaces/${name}`)) as { status?: { phase?: string } };
    if (existing.status?.phase === 'Terminating') {
      for (let i = 0; i < 120; i++) {
        await sleep(500);
        if ((await api.get(`/api/v1/namespaces/${name}`)).status === 404)
          return ensureNamespace(api, name, labels);
      }
      throw new Error(`namespace ${name} stays Terminating`);
    }
    const patched = await api.request('PATCH', `/api/v1/namespaces/${name}`, { metadata: { labels } });
    if (patched.status !== 200) throw new Error(`labelling namespace ${name}: ${statusMessage(patched)}`);
    return;
  }
  if (created.status !== 201) throw new Error(`creating namespace ${name}: ${statusMessage(created)}`);
}

/** Deletes namespaces without waiting for their contents to go. */
export async function deleteNamespaces(api: AdminApi, names: Iterable<string>): Promise<void> {
  await mapLimit([...names], 8, (name) => api.request('DELETE', `/api/v1/namespaces/${name}`));
}
