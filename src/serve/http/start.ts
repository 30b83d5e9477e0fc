// What `shipshape serve` starts (src/serve/contract.ts): the app with /metrics and the dashboard over the
// history store, listening on the configured address. /metrics is re-rendered when a scan is recorded (the store
// is polled for a new last scan, a cheap indexed read), never during a scrape.
import { readFileSync, statSync } from 'node:fs';
import { Failure } from '../../core/failure.ts';
import { logLine } from '../../core/printable.ts';
import { VERSION } from '../../version.ts';
import { parseServeConfig } from '../config.ts';
import type { HttpServerInput, RunningHttpServer } from '../contract.ts';
import { KpiCache } from '../dashboard/kpi-cache.ts';
import { dashboardRoutes } from '../dashboard/routes.ts';
import { MetricsCache } from '../metrics/cache.ts';
import { lastEventId, metricsFromStore } from '../metrics/from-store.ts';
import { createApp } from './app.ts';
import type { AuthSettings } from './auth.ts';
import { listen } from './server.ts';

export const TOKEN_ENV = 'SHIPSHAPE_HTTP_TOKEN';
const MAX_TOKEN_FILE = 4096;
const DEFAULT_REFRESH_MS = 5_000;

/** The credential settings: the token from $SHIPSHAPE_HTTP_TOKEN or http.tokenFile, the proxy header. */
export function authSettings(settings: Record<string, unknown>, env = process.env): AuthSettings {
  const auth: AuthSettings = {};
  const fromEnv = env[TOKEN_ENV]?.trim();
  if (fromEnv) auth.token = fromEnv;
  else if (typeof settings.tokenFile === 'string') auth.token = readToken(settings.tokenFile);
  if (typeof settings.proxyHeader === 'string' && settings.proxyHeader.trim() !== '')
    auth.proxyHeader = settings.proxyHeader.trim();
  return auth;
}

function readToken(file: string): string {
  let text: string;
  try {
    if (statSync(file).size > MAX_TOKEN_FILE)
      throw new Failure(`http.tokenFile ${file}: larger than ${MAX_TOKEN_FILE} bytes`);
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if (error instanceof Failure) throw error;
    throw new Failure(`http.tokenFile ${file}: ${(error as Error).message}`);
  }
  if (text === '') throw new Failure(`http.tokenFile ${file} is empty`);
  return text;
}

export async function startHttpServer(input: HttpServerInput): Promise<RunningHttpServer> {
  const auth = authSettings(input.settings);
  const cache = new MetricsCache({
    ...(input.settings.metricsNamespaceLabel === false ? { namespaceLabel: false } : {}),
    ...(typeof input.settings.metricsMaxSeries === 'number'
      ? { maxSeries: input.settings.metricsMaxSeries }
      : {}),
  });
  const kpis = new KpiCache(input.store, input.sla ?? parseServeConfig({}).sla);
  const baseline = await lastEventId(input.store);
  let seen = '';
  const refresh = async () => {
    const summaries = await input.store.clusters();
    const signature = summaries.map((s) => `${s.cluster}:${s.lastScan?.id ?? 0}`).join(',');
    if (signature === seen && cache.current) return;
    await cache.update(await metricsFromStore(input.store, VERSION, input.status.clusters(), baseline));
    seen = signature;
    // The KPI page's default view, computed now rather than on its first visitor's request.
    kpis
      .warm()
      .catch((error: Error) => process.stderr.write(`shipshape serve: KPIs: ${logLine(error.message)}\n`));
  };
  await refresh();
  const timer = setInterval(() => {
    refresh().catch((error: Error) =>
      process.stderr.write(`shipshape serve: /metrics refresh: ${logLine(error.message)}\n`),
    );
  }, DEFAULT_REFRESH_MS);
  timer.unref();
  const app = createApp({
    host: input.http.host,
    auth,
    metrics: () => cache.current,
    dashboard: dashboardRoutes({
      store: input.store,
      status: input.status,
      kpis,
      ...(input.teamLabel ? { teamLabel: input.teamLabel } : {}),
    }),
  });
  const server = await listen(app, { host: input.http.host, port: input.http.port, auth });
  return {
    url: server.url,
    close: async () => {
      clearInterval(timer);
      await server.close();
    },
  };
}
