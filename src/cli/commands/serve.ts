// `shipshape serve`: the scheduler (src/serve/scheduler.ts) scanning each configured cluster into the history
// store (src/store/), the HTTP server (dashboard, /metrics: src/serve/http/) and the notifier (the `notify`
// section: src/serve/notify/) reading it.
// Stops cleanly on SIGINT/SIGTERM: running scans finish and are written, then the database is closed.
import { Failure } from '../../core/failure.ts';
import type { ClusterTarget, ServeConfig } from '../../serve/config.ts';
import type { HttpServerInput, RunningHttpServer, ServeStatus } from '../../serve/contract.ts';
import { VERSION } from '../../version.ts';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { log } from '../output.ts';
import { parseKubeVersion } from '../parse-flags.ts';

export interface ServeFlags {
  config?: string;
  database?: string;
  kubeconfig?: string;
  context?: string[];
  inCluster?: boolean;
  interval: string;
  timeout: string;
  to?: string;
  retention?: string;
  listen?: string;
  once?: boolean;
}

export const DEFAULT_DATABASE = 'shipshape-history.db';
const PRUNE_EVERY_MS = 6 * 3_600_000;

export async function serve(flags: ServeFlags): Promise<number> {
  const { readServeConfig, parseServeConfig, clusterFromFlags, parseInterval, httpAddress } = await import(
    '../../serve/config.ts'
  );
  const config: ServeConfig = flags.config ? readServeConfig(flags.config) : parseServeConfig({});
  if (flags.config && (flags.context || flags.inCluster || flags.kubeconfig || flags.to))
    throw new UsageError(
      '--context, --kubeconfig, --in-cluster and --to are for running without --config: put them in the config file',
    );
  if (!flags.config) {
    const interval = parseInterval(flags.interval, '--interval');
    const timeout = parseInterval(flags.timeout, '--timeout');
    const target = flags.to ? parseKubeVersion(flags.to) : undefined;
    const contexts = flags.context ?? [undefined];
    for (const context of contexts) {
      const name = flags.inCluster ? 'in-cluster' : (context ?? (await currentContext(flags.kubeconfig)));
      const cluster = clusterFromFlags(
        {
          ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
          ...(flags.inCluster ? { inCluster: true } : {}),
          ...(context ? { context } : {}),
        },
        name,
        interval,
        timeout,
      );
      if (target) cluster.upgradeTarget = target;
      config.clusters.push(cluster);
    }
  }
  if (config.clusters.length === 0)
    throw new UsageError(`serve config "${config.file}": no clusters to scan`);
  for (const cluster of config.clusters)
    if (cluster.upgradeTarget) cluster.upgradeTarget = parseKubeVersion(cluster.upgradeTarget);
  if (flags.retention) config.retentionMs = parseInterval(flags.retention, '--retention');
  const checks = loadConfig(config.checks);
  const http = flags.listen ? parseListen(flags.listen) : httpAddress(config);
  const { parseNotifyConfig, startNotifier } = await import('../../serve/notify/service.ts');
  // Endpoints and keys come from files or the environment: read now, so a missing one stops serve at start.
  const notify = parseNotifyConfig(config.notify);

  const [{ HistoryStore }, { Scheduler }, { locksFor }, { scanTarget }] = await Promise.all([
    import('../../store/store.ts'),
    import('../../serve/scheduler.ts'),
    import('../../serve/lock.ts'),
    import('../../serve/run-scan.ts'),
  ]);
  const location = flags.database ?? process.env.SHIPSHAPE_DATABASE ?? config.database ?? DEFAULT_DATABASE;
  const store = await HistoryStore.open(location);
  const scheduler = new Scheduler(config.clusters, {
    store,
    locks: locksFor(store),
    scan: (target: ClusterTarget, at: Date) => scanTarget(target, checks, at, config),
    toolVersion: VERSION,
    log,
  });
  log(`serve: history in ${store.label}; ${config.clusters.map(describeTarget).join('; ')}`);

  let notifier: Awaited<ReturnType<typeof startNotifier>> | undefined;
  try {
    notifier = await startNotifier(store, notify, { loop: !flags.once });
  } catch (error) {
    await store.close();
    throw error;
  }
  if (notify.channels.length > 0)
    log(`serve: notifications to ${notify.channels.map((c) => `${c.name} (${c.kind})`).join(', ')}`);

  if (flags.once) {
    await prune(store, config.retentionMs);
    await scheduler.stop(); // nothing scheduled: one round, then exit
    await scheduler.runOnce(true);
    const failed = scheduler.status().filter((s) => s.lastError !== null || s.pendingWrite);
    const undelivered = await notifyOnce(notifier, notify.channels.length);
    await notifier.close();
    await store.close();
    return failed.length > 0 || undelivered > 0 ? 2 : 0;
  }

  const startedAt = Date.now();
  const status: ServeStatus = {
    instance: scheduler.instance,
    startedAt,
    database: store.label,
    clusters: () => scheduler.status(),
  };
  let server: RunningHttpServer | undefined;
  try {
    server = await startHttp({
      store,
      status,
      http,
      sla: config.sla,
      ...(config.teamLabel ? { teamLabel: config.teamLabel } : {}),
      settings: config.http,
    });
  } catch (error) {
    await notifier.close();
    await store.close();
    throw error;
  }
  if (server) log(`serve: dashboard and /metrics on ${server.url}`);
  scheduler.start();
  await prune(store, config.retentionMs);
  // Referenced on purpose: the scheduler's timers are not; this interval keeps the process running whatever the
  // HTTP server does with its own handles.
  const pruner = setInterval(() => void prune(store, config.retentionMs), PRUNE_EVERY_MS);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // A second signal while stopping ends the process at once.
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  log('serve: stopping (running scans finish and are written)');
  clearInterval(pruner);
  await scheduler.stop();
  await server?.close();
  await notifier.close();
  await store.close();
  return 0;
}

/** serve --once: one notification round after the scans; the count of messages not delivered. */
async function notifyOnce(
  notifier: import('../../serve/notify/service.ts').RunningNotifier,
  channels: number,
): Promise<number> {
  if (channels === 0) return 0;
  try {
    const { sent } = await notifier.round();
    for (const s of sent)
      log(
        `serve: notified ${s.channel} about ${s.cluster}${s.ok ? '' : ` — not delivered: ${s.error ?? 'failed'}`}`,
      );
    return sent.filter((s) => !s.ok).length;
  } catch (error) {
    log(`serve: notifications failed: ${(error as Error).message}`);
    return 1;
  }
}

/** The HTTP half (dashboard, /metrics: serve-web's, src/serve/http/start.ts; decision 0058). */
async function startHttp(input: HttpServerInput): Promise<RunningHttpServer> {
  const { startHttpServer } = await import('../../serve/http/start.ts');
  return startHttpServer(input);
}

async function prune(store: import('../../store/store.ts').HistoryStore, retentionMs: number): Promise<void> {
  try {
    const dropped = await store.prune(Date.now() - retentionMs);
    if (dropped.scans + dropped.findings > 0)
      log(
        `serve: retention dropped ${dropped.scans} scans, ${dropped.findings} findings, ${dropped.events} events`,
      );
  } catch (error) {
    log(`serve: retention could not run: ${(error as Error).message}`);
  }
}

async function currentContext(kubeconfig: string | undefined): Promise<string> {
  const { loadKubeConfig } = await import('../../sources/cluster/kubeconfig.ts');
  let name: string;
  try {
    name = loadKubeConfig(kubeconfig ? { kubeconfig } : {}).getCurrentContext();
  } catch (error) {
    throw new Failure((error as Error).message);
  }
  if (!name) throw new UsageError('the kubeconfig has no current context: pass --context, or --in-cluster');
  return name;
}

function describeTarget(t: ClusterTarget): string {
  const source = t.inCluster ? 'in-cluster' : `context ${t.context ?? '(current)'}`;
  const every =
    t.intervalMs >= 60_000 ? `${Math.round(t.intervalMs / 60_000)}m` : `${Math.round(t.intervalMs / 1000)}s`;
  return `${t.name} (${source}, every ${every})`;
}

export function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:]+)\]|([^:\s]+)):(\d{1,5})$/.exec(value);
  const port = Number(match?.[3]);
  if (!match || !(port >= 0 && port <= 65535))
    throw new UsageError(`--listen "${value}": give host:port, e.g. 127.0.0.1:8080 or [::1]:8080`);
  return { host: (match[1] ?? match[2])!, port };
}
