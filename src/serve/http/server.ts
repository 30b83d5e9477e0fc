// Listens for the app on host:port with bounded request handling; close() stops listening and drops idle
// connections.
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AuthSettings } from './auth.ts';
import { checkAuthConfig } from './auth.ts';

export interface ListeningServer {
  /** The address it listens on, e.g. http://127.0.0.1:8080. */
  url: string;
  close(): Promise<void>;
}

export async function listen(
  app: Hono,
  options: { host: string; port: number; auth: AuthSettings },
): Promise<ListeningServer> {
  checkAuthConfig(options.host, options.auth);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port: options.port }) as Server;
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  // A slow or stuck client cannot hold a connection open for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host =
    options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
