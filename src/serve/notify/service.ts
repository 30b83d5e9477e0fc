// Notifications in `shipshape serve`: the `notify` section of the serve config read into channels (endpoint
// URLs and signing keys from files or the environment, never from flags or the config text), and a loop that
// runs one notification round per interval over the history's transitions with the send log in the database.
import { readFileSync, statSync } from 'node:fs';
import { Failure } from '../../core/failure.ts';
import { SEVERITIES, type Severity } from '../../core/severity.ts';
import type { HistoryStore } from '../../store/store.ts';
import type { DeliveryOptions } from './deliver.ts';
import { DatabaseSendLog } from './log.ts';
import type { Transition } from './message.ts';
import { type Channel, type ChannelKind, notifyRound, type RoundResult } from './notifier.ts';

export interface NotifyConfig {
  channels: Channel[];
  intervalMs: number;
  dashboardUrl?: string;
}

const KINDS: readonly ChannelKind[] = ['slack', 'teams', 'webhook'];
const MAX_SECRET_FILE = 8192;
export const DEFAULT_NOTIFY_INTERVAL_MS = 60_000;
const TRANSITIONS_PER_ROUND = 1000;

/**
 * notify:
 *   interval: 5m            # grouping window (default 1m)
 *   dashboardUrl: https://shipshape.example/
 *   channels:
 *     - {name: ops, kind: slack, urlFile: /etc/shipshape/slack-url, threshold: high}
 *     - {name: hook, kind: webhook, urlEnv: HOOK_URL, signingSecretEnv: HOOK_KEY, resolved: false}
 */
export function parseNotifyConfig(section: unknown, env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  if (section === undefined || section === null)
    return { channels: [], intervalMs: DEFAULT_NOTIFY_INTERVAL_MS };
  if (typeof section !== 'object' || Array.isArray(section)) throw new Failure('notify: expected a mapping');
  const s = section as Record<string, unknown>;
  const config: NotifyConfig = {
    channels: [],
    intervalMs: s.interval === undefined ? DEFAULT_NOTIFY_INTERVAL_MS : parseInterval(s.interval),
  };
  if (typeof s.dashboardUrl === 'string') config.dashboardUrl = s.dashboardUrl;
  const list = s.channels ?? [];
  if (!Array.isArray(list)) throw new Failure('notify.channels: expected a list');
  const names = new Set<string>();
  list.forEach((raw, i) => {
    const where = `notify.channels[${i}]`;
    if (typeof raw !== 'object' || raw === null) throw new Failure(`${where}: expected a mapping`);
    const c = raw as Record<string, unknown>;
    if (typeof c.name !== 'string' || c.name === '') throw new Failure(`${where}.name: required`);
    if (names.has(c.name)) throw new Failure(`${where}.name: "${c.name}" is used twice`);
    names.add(c.name);
    if (!KINDS.includes(c.kind as ChannelKind))
      throw new Failure(`${where}.kind: one of ${KINDS.join(', ')}`);
    if (typeof c.url === 'string')
      throw new Failure(`${where}.url: the endpoint is a secret; give urlFile or urlEnv instead`);
    const threshold = c.threshold ?? 'high';
    if (!SEVERITIES.includes(threshold as Severity))
      throw new Failure(`${where}.threshold: one of ${SEVERITIES.join(', ')}`);
    const channel: Channel = {
      name: c.name,
      kind: c.kind as ChannelKind,
      url: secret(c, 'url', where, env),
      threshold: threshold as Severity,
    };
    if (c.resolved === false) channel.resolved = false;
    if (c.signingSecretFile !== undefined || c.signingSecretEnv !== undefined)
      channel.signingSecret = secret(c, 'signingSecret', where, env);
    config.channels.push(channel);
  });
  return config;
}

function secret(c: Record<string, unknown>, key: string, where: string, env: NodeJS.ProcessEnv): string {
  const file = c[`${key}File`];
  const variable = c[`${key}Env`];
  if (typeof variable === 'string') {
    const value = env[variable]?.trim();
    if (!value) throw new Failure(`${where}.${key}Env: the environment variable ${variable} is not set`);
    return value;
  }
  if (typeof file === 'string') {
    try {
      if (statSync(file).size > MAX_SECRET_FILE) throw new Failure(`${where}.${key}File ${file}: too large`);
      const value = readFileSync(file, 'utf8').trim();
      if (value === '') throw new Failure(`${where}.${key}File ${file} is empty`);
      return value;
    } catch (error) {
      if (error instanceof Failure) throw error;
      throw new Failure(`${where}.${key}File ${file}: ${(error as Error).message}`);
    }
  }
  throw new Failure(`${where}: give ${key}File or ${key}Env`);
}

function parseInterval(value: unknown): number {
  const m = typeof value === 'string' ? /^(\d{1,6})(s|m|h)$/.exec(value.trim()) : null;
  if (!m) throw new Failure(`notify.interval: a duration like 30s, 5m or 1h (got ${JSON.stringify(value)})`);
  const ms = Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'm' ? 60_000 : 3_600_000);
  if (ms < 10_000) throw new Failure('notify.interval: at least 10s');
  return ms;
}

export interface RunningNotifier {
  /** One round now (the loop also runs one per interval). */
  round(): Promise<RoundResult>;
  log: DatabaseSendLog;
  close(): Promise<void>;
}

/** Starts the loop: a round per interval, one at a time; errors are logged and the next round tries again. */
export async function startNotifier(
  store: HistoryStore,
  config: NotifyConfig,
  options: { delivery?: DeliveryOptions; loop?: boolean } = {},
): Promise<RunningNotifier> {
  const log = await DatabaseSendLog.open(store);
  const round = () =>
    notifyRound({
      channels: config.channels,
      log,
      transitions: async (afterId) =>
        (await store.transitions({ afterId, limit: TRANSITIONS_PER_ROUND })) as Transition[],
      failing: async () => {
        const out = new Map<string, string>();
        for (const c of await store.clusters())
          if (c.lastScan?.status === 'failed') out.set(c.cluster, c.lastScan.error ?? 'the scan failed');
        return out;
      },
      ...(config.dashboardUrl ? { dashboardUrl: config.dashboardUrl } : {}),
      ...(options.delivery ? { delivery: options.delivery } : {}),
    });
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  if (options.loop !== false && config.channels.length > 0) {
    timer = setInterval(() => {
      running = running.then(round).catch((error: Error) => {
        process.stderr.write(`shipshape serve: notifications: ${error.message}\n`);
      });
    }, config.intervalMs);
    timer.unref();
  }
  return {
    round: () => {
      const next = running.then(round);
      running = next.catch(() => undefined);
      return next;
    },
    log,
    close: async () => {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
