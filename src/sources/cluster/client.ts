// The only module that talks HTTP to an API server. Auth comes from @kubernetes/client-node (certificates,
// tokens, exec plugins); requests are plain GETs so objects stay raw JSON, exactly as the server sent them.
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { Failure } from '../../core/failure.ts';

export interface ClusterConnection {
  kubeconfig?: string;
  context?: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Attempts for 429, 5xx and network errors (first try included). */
  attempts?: number;
}

export interface RequestStats {
  requests: number;
  retries: number;
  bytes: number;
  milliseconds: number;
}

export class ApiError extends Failure {
  override name = 'ApiError';
  readonly status: number;
  readonly reason: string;
  constructor(status: number, reason: string, message: string) {
    super(message);
    this.status = status;
    this.reason = reason;
  }
}

export class ClusterClient {
  readonly context: string;
  readonly server: string;
  readonly stats: RequestStats = { requests: 0, retries: 0, bytes: 0, milliseconds: 0 };
  private readonly kc: KubeConfig;
  private readonly timeoutMs: number;
  private readonly attempts: number;

  private constructor(kc: KubeConfig, options: ClusterConnection) {
    this.kc = kc;
    this.context = kc.getCurrentContext();
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new ConnectionError(`kubeconfig context "${this.context}" names no cluster`);
    this.server = cluster.server.replace(/(?<!\/)\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.attempts = options.attempts ?? 4;
  }

  /** kubectl semantics: --kubeconfig, else $KUBECONFIG (colon-separated), else ~/.kube/config; --context wins. */
  static async connect(options: ClusterConnection = {}): Promise<ClusterClient> {
    // Loaded on demand: the library takes most of a second to import, and file review never needs it.
    const { KubeConfig } = await import('./kubeconfig.ts');
    const kc = new KubeConfig();
    try {
      if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
      else kc.loadFromDefault();
    } catch (error) {
      throw new ConnectionError(`reading kubeconfig: ${(error as Error).message}`, { cause: error });
    }
    if (kc.getContexts().length === 0 && !kc.getCurrentCluster()) {
      throw new ConnectionError('no kubeconfig found: pass --kubeconfig or set KUBECONFIG');
    }
    if (options.context) {
      if (!kc.getContextObject(options.context)) {
        throw new ConnectionError(`kubeconfig has no context "${options.context}"`);
      }
      kc.setCurrentContext(options.context);
    }
    return new ClusterClient(kc, options);
  }

  /** The namespace of the current context (kubectl's default for -n). */
  defaultNamespace(): string {
    return this.kc.getContextObject(this.context)?.namespace ?? 'default';
  }

  /** GET a JSON document, retrying throttling, server errors and dropped connections with backoff. */
  async getJson(path: string): Promise<unknown> {
    return this.withRetries(path, 'json');
  }

  /**
   * GET a text document (e.g. /metrics), with the same retries. `accept` for endpoints that refuse text/plain
   * (pods/log accepts only its own media types or a wildcard). `retryServerErrors: false` where a 5xx is a
   * backend's final answer relayed by the API server (pods/log: the kubelet is unreachable); 429 still retries.
   */
  async getText(path: string, accept = 'text/plain', retryServerErrors = true): Promise<string> {
    return (await this.withRetries(path, 'text', accept, retryServerErrors)) as string;
  }

  private async withRetries(
    path: string,
    as: 'json' | 'text',
    accept?: string,
    retryServerErrors = true,
  ): Promise<unknown> {
    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (attempt > 1) this.stats.retries++;
      try {
        return await this.once(path, as, accept);
      } catch (error) {
        lastError = error as Error;
        const retryAfter = retryDelay(error, attempt);
        if (retryAfter === undefined || attempt === this.attempts) break;
        if (!retryServerErrors && error instanceof ApiError && error.status >= 500) break;
        await sleep(retryAfter);
      }
    }
    throw lastError ?? new Error(`GET ${path} failed`);
  }

  private async once(path: string, as: 'json' | 'text', accept?: string): Promise<unknown> {
    const url = new URL(this.server + path);
    const options: https.RequestOptions = {
      method: 'GET',
      hostname: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      headers: { Accept: accept ?? (as === 'json' ? 'application/json' : 'text/plain') },
      timeout: this.timeoutMs,
    };
    await this.kc.applyToHTTPSOptions(options);
    const transport = url.protocol === 'http:' ? http : https;
    const started = performance.now();
    this.stats.requests++;
    try {
      return await new Promise((resolve, reject) => {
        const request = transport.request(options, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const body = Buffer.concat(chunks);
            this.stats.bytes += body.length;
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) {
              if (as === 'text') {
                resolve(body.toString('utf8'));
                return;
              }
              try {
                resolve(JSON.parse(body.toString('utf8')));
              } catch (error) {
                reject(new Error(`GET ${path}: response is not JSON (${(error as Error).message})`));
              }
              return;
            }
            reject(apiError(status, body, path, response.headers['retry-after']));
          });
        });
        request.on('timeout', () =>
          request.destroy(new TimeoutError(`GET ${path} timed out after ${this.timeoutMs} ms`)),
        );
        request.on('error', reject);
        request.end();
      });
    } finally {
      this.stats.milliseconds += performance.now() - started;
    }
  }
}

export class ConnectionError extends Failure {
  override name = 'ConnectionError';
}

export class TimeoutError extends Failure {
  override name = 'TimeoutError';
}

class RetryableApiError extends ApiError {
  readonly retryAfterMs: number | undefined;
  constructor(status: number, reason: string, message: string, retryAfterMs: number | undefined) {
    super(status, reason, message);
    this.retryAfterMs = retryAfterMs;
  }
}

function apiError(
  status: number,
  body: Buffer,
  path: string,
  retryAfter: string | string[] | undefined,
): ApiError {
  let reason = '';
  let message = body.toString('utf8').slice(0, 300).trim();
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { reason?: string; message?: string };
    reason = parsed.reason ?? '';
    message = parsed.message ?? message;
  } catch {
    // Not a Status object (e.g. a proxy's HTML page): keep the raw text.
  }
  const text = `GET ${path}: ${status}${reason ? ` ${reason}` : ''}${message ? `: ${message}` : ''}`;
  if (status === 429 || status >= 500) {
    const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    return new RetryableApiError(
      status,
      reason,
      text,
      Number.isFinite(seconds) ? Math.min(seconds, 10) * 1000 : undefined,
    );
  }
  return new ApiError(status, reason, text);
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

/** Milliseconds to wait before retrying, or undefined when the error is final. */
function retryDelay(error: unknown, attempt: number): number | undefined {
  const backoff = Math.min(200 * 2 ** (attempt - 1), 3000) + Math.floor(Math.random() * 100);
  if (error instanceof RetryableApiError) return error.retryAfterMs ?? backoff;
  if (error instanceof ApiError) return undefined;
  if (error instanceof TimeoutError) return backoff;
  const code = (error as NodeJS.ErrnoException).code;
  if (code && TRANSIENT_CODES.has(code)) return backoff;
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
