// Sends one notification body to one endpoint: POST with a deadline, a 429 or 503 retried after the
// Retry-After the receiver asked for (bounded), other 5xx and network errors retried with backoff, 4xx never.
// The endpoint URL is a secret (Slack and Teams URLs carry their credential): it never appears in an error.
import { createHmac } from 'node:crypto';

export interface DeliveryOptions {
  /** Attempts after the first. Default 2. */
  retries?: number;
  timeoutMs?: number;
  /** Longest Retry-After honoured; a longer one ends the attempt (the next interval tries again). */
  maxRetryAfterMs?: number;
  /** For generic webhooks: the HMAC-SHA256 key (Standard Webhooks headers). */
  signingSecret?: string;
  /** Injected for tests of the schedule; the real clock otherwise. */
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryResult {
  ok: boolean;
  status?: number;
  attempts: number;
  /** Why it failed, without the URL. */
  error?: string;
}

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function deliver(
  url: string,
  body: Record<string, unknown>,
  messageId: string,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const retries = options.retries ?? 2;
  const sleep = options.sleep ?? sleepReal;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;
  const text = JSON.stringify(body);
  let attempts = 0;
  let last: DeliveryResult = { ok: false, attempts: 0 };
  for (;;) {
    attempts++;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'shipshape' };
    if (options.signingSecret)
      Object.assign(headers, signatureHeaders(options.signingSecret, messageId, text));
    let retryAfterMs: number | undefined;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: text,
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ok: true, status: response.status, attempts };
      last = { ok: false, status: response.status, attempts, error: `HTTP ${response.status}` };
      if (response.status < 500 && response.status !== 429) return last;
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    } catch (error) {
      last = { ok: false, attempts, error: describe(error, url) };
    }
    if (attempts > retries) return last;
    const wait = retryAfterMs ?? 1000 * 2 ** (attempts - 1);
    if (wait > maxRetryAfter)
      return { ...last, error: `${last.error}; asked to retry after ${Math.round(wait / 1000)} s` };
    await sleep(wait);
  }
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature = v1,base64(HMAC-SHA256(id.ts.body)). */
export function signatureHeaders(
  secret: string,
  id: string,
  body: string,
  now = Date.now(),
): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  const signature = createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

function describe(error: unknown, url: string): string {
  const e = error as Error & { cause?: { code?: string } };
  const reason = e.name === 'TimeoutError' ? 'timed out' : (e.cause?.code ?? e.message);
  return String(reason).split(url).join('<url>');
}
