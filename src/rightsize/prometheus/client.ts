// The Prometheus HTTP API, as rightsize uses it: every request a POST (long selectors never meet a proxy's URL
// limit, krr#66), with a whole-request deadline and a cap on the body; errors name the endpoint and the reason.
// https://prometheus.io/docs/prometheus/latest/querying/api/
import { append } from '../../core/append.ts';
import { Failure, REASONS } from '../../core/failure.ts';

export class PrometheusError extends Failure {
  override name = 'PrometheusError';
}

export interface PrometheusOptions {
  url: string;
  /** Whole-request deadline per call. */
  timeoutMs: number;
  /** Largest response body accepted, in bytes. */
  maxResponseBytes?: number;
  /** Extra headers (e.g. Authorization), never printed. */
  headers?: Record<string, string>;
}

export interface QueryStats {
  queries: number;
  bytes: number;
  milliseconds: number;
}

export interface RangeSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

interface ApiBody<T> {
  status: 'success' | 'error';
  data?: T;
  errorType?: string;
  error?: string;
  warnings?: string[];
}

export class PrometheusClient {
  readonly stats: QueryStats = { queries: 0, bytes: 0, milliseconds: 0 };
  /** Warnings Prometheus attached to answers (e.g. partial data from a remote store). */
  readonly warnings: string[] = [];
  private readonly base: string;
  private readonly options: PrometheusOptions;

  constructor(options: PrometheusOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new PrometheusError(
        `--prometheus ${JSON.stringify(options.url)} is not a URL (e.g. http://prometheus:9090)`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new PrometheusError(`--prometheus must be an http:// or https:// URL, not ${url.protocol}`);
    let base = url.href;
    while (base.endsWith('/')) base = base.slice(0, -1);
    this.base = base;
    this.options = options;
  }

  rangeQuery(query: string, start: number, end: number, step: number): Promise<RangeSeries[]> {
    return this.post<{ resultType: string; result: RangeSeries[] }>('/api/v1/query_range', {
      query,
      start: String(start),
      end: String(end),
      step: String(step),
    }).then((d) => d.result);
  }

  /** Label sets of the series matching the selectors within [start, end]: no samples are read. */
  series(match: string[], start: number, end: number): Promise<Record<string, string>[]> {
    return this.post<Record<string, string>[]>('/api/v1/series', {
      'match[]': match,
      start: String(start),
      end: String(end),
    });
  }

  private async post<T>(path: string, form: Record<string, string | string[]>): Promise<T> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form))
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    const started = performance.now();
    this.stats.queries++;
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(this.options.headers ?? {}) },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await readCapped(response, this.options.maxResponseBytes ?? 512 * 2 ** 20);
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError')
        throw new PrometheusError(
          `Prometheus at ${this.base} did not answer ${path} within ${this.options.timeoutMs / 1000}s (raise --prometheus-timeout, or shorten --history)`,
        );
      if (e instanceof PrometheusError) throw e;
      throw new PrometheusError(
        `Prometheus at ${this.base} is unreachable: ${(e.cause?.code && REASONS[e.cause.code]) ?? e.cause?.message ?? e.message}`,
      );
    } finally {
      this.stats.milliseconds += performance.now() - started;
    }
    this.stats.bytes += text.length;
    let parsed: ApiBody<T>;
    try {
      parsed = JSON.parse(text) as ApiBody<T>;
    } catch {
      throw new PrometheusError(
        `Prometheus at ${this.base} answered ${path} with HTTP ${response.status} and a body that is not its JSON API (is the URL a Prometheus server?): ${text.slice(0, 120).replace(/\s+/g, ' ')}`,
      );
    }
    if (parsed.status !== 'success' || parsed.data === undefined)
      throw new PrometheusError(
        `Prometheus at ${this.base} refused ${path} (HTTP ${response.status}${parsed.errorType ? `, ${parsed.errorType}` : ''}): ${parsed.error ?? 'no error message'}`,
      );
    if (parsed.warnings) append(this.warnings, parsed.warnings);
    return parsed.data;
  }
}

async function readCapped(response: Response, max: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new PrometheusError(
        `an answer from Prometheus exceeded ${Math.round(max / 2 ** 20)} MiB; rightsize asks for smaller batches with a lower --prometheus-batch`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
