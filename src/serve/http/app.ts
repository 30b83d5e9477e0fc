// The HTTP routes of `shipshape serve`: /metrics, health, and the dashboard. Hono (docs/decisions/0061) routes,
// escapes and sets the headers; pages are rendered on the server from the history store, never by scanning.
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { logLine } from '../../core/printable.ts';
import type { Exposition } from '../metrics/exposition.ts';
import { type AuthSettings, authenticator } from './auth.ts';

export interface AppInput {
  host: string;
  auth: AuthSettings;
  /** The exposition of the last completed scans (rendered when a scan completes, not per scrape). */
  metrics: () => Exposition | undefined;
  /** Adds the dashboard's routes (pages.ts). */
  dashboard?: (app: Hono) => void;
}

export function createApp(input: AppInput): Hono {
  const app = new Hono();
  const allowed = authenticator(input.host, input.auth);
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    c.header('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
  });
  // Probes carry no data: open to the kubelet without a credential.
  app.get('/healthz', (c) => c.text('ok\n'));
  app.use(async (c, next) => {
    const refused = allowed(c.req.raw.headers);
    if (refused === undefined) return next();
    c.header('WWW-Authenticate', 'Bearer realm="shipshape"');
    return c.text(`401 Unauthorized: ${refused}\n`, 401);
  });
  app.get('/metrics', (c) => {
    const exposition = input.metrics();
    if (!exposition) return c.text('no scan has completed yet\n', 503);
    c.header('Content-Type', exposition.contentType);
    return c.body(exposition.text);
  });
  input.dashboard?.(app);
  app.notFound((c) => c.text('404 Not Found\n', 404));
  app.onError((error, c) => {
    // The path and the message may carry request data: one escaped, bounded line each (no forged log lines).
    process.stderr.write(
      `shipshape serve: ${c.req.method} ${logLine(c.req.path, 200)}: ${logLine(String(error?.message ?? error))}\n`,
    );
    return c.text('500 Internal Server Error\n', 500);
  });
  return app;
}
