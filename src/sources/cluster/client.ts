// The only module that talks HTTP to an API server. Auth comes from @kubernetes/client-node (certificates,
// tokens, exec plugins); objects stay raw JSON, exactly as the server sent them. Every request is bounded
// (docs/decisions/0031-network-deadlines.md): a whole-request deadline (not only a socket idle timeout), a cap
// on the response size, and a time limit on exec credential plugins whose failure names the plugin.
import { spawn } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { Failure } from '../../core/failure.ts';

export interface ClusterConnection {
  kubeconfig?: string;
  context?: string;
  /** Use the pod's service account and the in-cluster API address (shipshape serve inside the cluster). */
  inCluster?: boolean;
  /** Whole-request deadline: connecting, sending, waiting and reading the whole body. */
  timeoutMs?: number;
  /** Attempts for 429, 5xx and network errors (first try included); a timed-out request is tried twice at most. */
  attempts?: number;
  /** Largest response body accepted. */
  maxResponseBytes?: number;
  /** How long an exec credential plugin may run. */
  execTimeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
export const DEFAULT_EXEC_TIMEOUT_MS = 60_000;
/** After this many requests ran out of time (retries included), the server is taken as not answering. */
const TIMEOUTS_BEFORE_GIVING_UP = 2;

/** A response as it came, whatever its status (apply-plan reads the Status of a refused DELETE). */
export interface ApiResponse {
  status: number;
  body: unknown;
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

/** Authorization reviews: answered, never stored. */
export const REVIEW_RESOURCES = [
  'subjectaccessreviews',
  'selfsubjectrulesreviews',
  'selfsubjectaccessreviews',
] as const;

export class ClusterClient {
  readonly context: string;
  readonly server: string;
  readonly stats: RequestStats = { requests: 0, retries: 0, bytes: 0, milliseconds: 0 };
  private readonly kc: KubeConfig;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly maxResponseBytes: number;
  private readonly plugins: ExecPlugins;
  private timeouts = 0;

  private constructor(kc: KubeConfig, options: ClusterConnection) {
    this.kc = kc;
    this.context = kc.getCurrentContext();
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new ConnectionError(`kubeconfig context "${this.context}" names no cluster`);
    this.server = cluster.server.replace(/(?<!\/)\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.attempts = options.attempts ?? 4;
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    this.plugins = boundExecPlugins(kc, options.execTimeoutMs ?? execTimeoutFromEnv());
  }

  /** kubectl semantics: --kubeconfig, else $KUBECONFIG (colon-separated), else ~/.kube/config; --context wins. */
  static async connect(options: ClusterConnection = {}): Promise<ClusterClient> {
    // Loaded on demand: the library takes most of a second to import, and file review never needs it.
    const { KubeConfig, loadKubeConfig } = await import('./kubeconfig.ts');
    let kc: import('./kubeconfig.ts').KubeConfig;
    try {
      if (options.inCluster) {
        kc = new KubeConfig();
        kc.loadFromCluster();
      } else kc = loadKubeConfig(options);
    } catch (error) {
      throw new ConnectionError((error as Error).message, { cause: error });
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
        // A request that ran out of time once is tried once more, not four times: a hung server costs two deadlines.
        if (error instanceof TimeoutError && (attempt >= 2 || this.givenUp())) break;
        await sleep(retryAfter);
      }
    }
    if (lastError instanceof TimeoutError) this.timeouts++;
    throw lastError ?? new Error(`GET ${path} failed`);
  }

  /** True once enough requests ran out of time that the server is taken as not answering. */
  private givenUp(): boolean {
    return this.timeouts >= TIMEOUTS_BEFORE_GIVING_UP;
  }

  /**
   * One request of any method, no retries, the response whatever its status (network failures, the deadline and
   * the size cap throw). For apply-plan's GET/DELETE/POST, whose callers decide what a status means.
   */
  async send(method: 'GET' | 'DELETE' | 'POST', path: string, body?: unknown): Promise<ApiResponse> {
    let response: Awaited<ReturnType<ClusterClient['exchange']>>;
    try {
      response = await this.exchange(method, path, 'application/json', body);
    } catch (error) {
      if (error instanceof TimeoutError) this.timeouts++;
      throw error;
    }
    const text = response.body.toString('utf8');
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the text (a proxy's HTML error page)
    }
    return { status: response.status, body: parsed };
  }

  /**
   * Asks an authorization review (SubjectAccessReview, SelfSubjectRulesReview, …): a POST that the API server
   * answers and never stores. `shipshape rbac` sends only these.
   */
  async review(resource: (typeof REVIEW_RESOURCES)[number], body: unknown): Promise<unknown> {
    if (!REVIEW_RESOURCES.includes(resource)) throw new Error(`not a review resource: ${resource}`);
    const path = `/apis/authorization.k8s.io/v1/${resource}`;
    const response = await this.send('POST', path, body);
    if (response.status < 200 || response.status >= 300) {
      const detail = response.body as { reason?: unknown; message?: unknown } | undefined;
      throw new ApiError(
        response.status,
        typeof detail?.reason === 'string' ? detail.reason : '',
        `POST ${path}: ${response.status}${typeof detail?.message === 'string' ? `: ${detail.message}` : ''}`,
      );
    }
    return response.body;
  }

  private async once(path: string, as: 'json' | 'text', accept?: string): Promise<unknown> {
    const response = await this.exchange(
      'GET',
      path,
      accept ?? (as === 'json' ? 'application/json' : 'text/plain'),
    );
    const { status, body } = response;
    if (status < 200 || status >= 300) throw apiError(status, body, path, response.retryAfter);
    if (as === 'text') return body.toString('utf8');
    try {
      return JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new ApiError(status, '', `GET ${path}: the response is not JSON (${(error as Error).message})`);
    }
  }

  /** The HTTP exchange itself, bounded by the whole-request deadline and the response size cap. */
  private async exchange(
    method: string,
    path: string,
    accept: string,
    body?: unknown,
  ): Promise<{ status: number; body: Buffer; retryAfter: string | string[] | undefined }> {
    const what = `${method} ${path}`;
    if (this.givenUp())
      throw new TimeoutError(
        `${what}: not sent: ${this.server} stopped answering (${this.timeouts} requests got no complete answer within ${seconds(this.timeoutMs)})`,
      );
    const url = new URL(this.server + path);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const options: https.RequestOptions = {
      method,
      hostname: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      headers: {
        Accept: accept,
        ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
      },
      timeout: this.timeoutMs,
    };
    await this.plugins.authenticate(() => this.kc.applyToHTTPSOptions(options));
    const transport = url.protocol === 'http:' ? http : https;
    const started = performance.now();
    this.stats.requests++;
    try {
      return await new Promise((resolve, reject) => {
        const request = transport.request(options, (response) => {
          const declared = Number(response.headers['content-length']);
          if (Number.isFinite(declared) && declared > this.maxResponseBytes) {
            request.destroy(this.tooLarge(what));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > this.maxResponseBytes) request.destroy(this.tooLarge(what));
            else chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () => {
            const bytes = Buffer.concat(chunks);
            this.stats.bytes += bytes.length;
            resolve({
              status: response.statusCode ?? 0,
              body: bytes,
              retryAfter: response.headers['retry-after'],
            });
          });
        });
        // The socket idle timeout misses a server that trickles bytes; the deadline covers the whole exchange.
        const expire = () => {
          request.destroy(
            new TimeoutError(
              `${what}: no complete answer from ${this.server} within ${seconds(this.timeoutMs)}`,
            ),
          );
        };
        const deadline = setTimeout(expire, this.timeoutMs);
        request.on('timeout', expire);
        request.on('close', () => clearTimeout(deadline));
        request.on('error', reject);
        if (payload) request.write(payload);
        request.end();
      });
    } finally {
      this.stats.milliseconds += performance.now() - started;
    }
  }

  private tooLarge(what: string): ResponseTooLargeError {
    return new ResponseTooLargeError(
      `${what}: the response is larger than ${Math.round(this.maxResponseBytes / 1024 / 1024)} MiB; not read`,
    );
  }
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

export class ConnectionError extends Failure {
  override name = 'ConnectionError';
}

export class TimeoutError extends Failure {
  override name = 'TimeoutError';
}

export class ResponseTooLargeError extends Failure {
  override name = 'ResponseTooLargeError';
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
  // Only the start of an error body is read (a proxy may send a large page).
  body = body.subarray(0, 64 * 1024);
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

// ---- exec credential plugins ----

interface ExecPlugins {
  /** Runs the kubeconfig's authentication, naming the exec plugin when it fails or runs out of time. */
  authenticate(apply: () => Promise<void>): Promise<void>;
}

type Spawn = typeof spawn;

function execTimeoutFromEnv(): number {
  const value = Number(process.env.SHIPSHAPE_EXEC_TIMEOUT);
  return Number.isFinite(value) && value > 0 ? value * 1000 : DEFAULT_EXEC_TIMEOUT_MS;
}

/**
 * client-node runs exec plugins with no time limit (a plugin waiting for a login or a network that never answers
 * hangs the run). Its ExecAuth spawns through an `execFn` field: we give it a spawn with a timeout. The field is
 * private to the library, so this is checked by the fault suite's hanging plugin.
 */
function boundExecPlugins(kc: KubeConfig, timeoutMs: number): ExecPlugins {
  const user = kc.getCurrentUser() as { exec?: { command?: unknown } } | null;
  const command = typeof user?.exec?.command === 'string' ? user.exec.command : undefined;
  if (!command) return { authenticate: (apply) => apply() };
  let timedOut = false;
  const authenticators = (kc as unknown as { authenticators?: unknown[] }).authenticators ?? [];
  for (const authenticator of authenticators) {
    if (!authenticator || typeof authenticator !== 'object' || !('execFn' in authenticator)) continue;
    const bounded: Spawn = ((file: string, args: readonly string[], options: object) => {
      // Its own process group, so a plugin that is a script dies with what it started (which would else hold
      // the pipes open and keep us waiting).
      const child = spawn(file, args, { ...options, detached: process.platform !== 'win32' });
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {
          // already gone
        }
      }, timeoutMs);
      child.on('exit', () => clearTimeout(timer));
      return child;
    }) as Spawn;
    (authenticator as { execFn: Spawn }).execFn = bounded;
  }
  const name = `exec credential plugin "${command}"`;
  return {
    async authenticate(apply) {
      let timer: NodeJS.Timeout | undefined;
      // Also a deadline of our own, in case the library stops using execFn.
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(new Error('timeout'));
        }, timeoutMs + 1000);
      });
      try {
        await Promise.race([apply(), deadline]);
      } catch (error) {
        if (timedOut)
          throw new ConnectionError(
            `${name} did not finish within ${seconds(timeoutMs)} (SHIPSHAPE_EXEC_TIMEOUT)`,
          );
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new ConnectionError(`${name} cannot be run: command not found`);
        const message = error instanceof Error ? error.message.split('\n').find((l) => l.trim()) : undefined;
        throw new ConnectionError(`${name} failed${message ? `: ${message.trim().slice(0, 300)}` : ''}`, {
          cause: error,
        });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
