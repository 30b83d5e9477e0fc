// Who may read the dashboard and /metrics. On a loopback address nobody else can connect, so no credential is
// needed; on any other address every request needs the bearer token or the header an authenticating (OIDC)
// proxy sets, and the server refuses to start without one of them configured (docs/decisions/0061).
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export interface AuthSettings {
  /** Bearer token (from a file or the environment, never a flag). */
  token?: string;
  /** Header an authenticating reverse proxy sets for signed-in users (e.g. X-Forwarded-User, X-Auth-Request-Email). */
  proxyHeader?: string;
}

export class AuthConfigError extends Error {}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

/** Throws when a non-loopback bind has no way to authenticate requests. */
export function checkAuthConfig(host: string, auth: AuthSettings): void {
  if (isLoopback(host)) return;
  if (auth.token || auth.proxyHeader) return;
  throw new AuthConfigError(
    `listening on ${host} (not loopback) needs authentication: set a bearer token (SHIPSHAPE_HTTP_TOKEN or http.tokenFile) or http.proxyHeader for an authenticating proxy; or listen on 127.0.0.1`,
  );
}

/** A check of one request's headers: undefined when allowed, else why not. */
export function authenticator(host: string, auth: AuthSettings): (headers: Headers) => string | undefined {
  const open = isLoopback(host) && !auth.token && !auth.proxyHeader;
  const expected = auth.token ? digest(auth.token) : undefined;
  const header = auth.proxyHeader?.toLowerCase();
  return (headers) => {
    if (open) return undefined;
    const authorization = headers.get('authorization');
    if (expected && authorization?.toLowerCase().startsWith('bearer ')) {
      const given = digest(authorization.slice(7).trim());
      if (timingSafeEqual(given, expected)) return undefined;
      return 'invalid bearer token';
    }
    if (header && (headers.get(header) ?? '').trim() !== '') return undefined;
    return expected
      ? 'a bearer token is required'
      : `the ${auth.proxyHeader} header of the authenticating proxy is missing`;
  };
}

/** Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first differing byte. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
