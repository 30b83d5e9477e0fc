// The `shipshape serve` configuration file (docs/serve.md): which clusters, how often, where the history goes,
// how long it is kept, the KPI SLAs, the namespace label that names a team. Every key is checked here, those of the
// `http` and `notify` sections too (their values are read by the HTTP half and the notifier when serve starts):
// an unknown key is refused with its place and the nearest known key.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { errorReason, UsageError } from '../cli/errors.ts';
import { suggest } from '../cli/output.ts';
import { isSeverity, SEVERITIES, type Severity } from '../core/severity.ts';
import { parseDuration } from '../sources/describe/text-tree.ts';

export interface ClusterTarget {
  /** The name stored with every scan and shown everywhere; unique. */
  name: string;
  kubeconfig?: string;
  context?: string;
  /** Use the pod's service account (running inside the cluster). */
  inCluster: boolean;
  /** Namespaces to read; undefined = all. */
  namespaces?: string[];
  intervalMs: number;
  timeoutMs: number;
  /** Also check upgrade readiness for this Kubernetes version. */
  upgradeTarget?: string;
  include: string[];
  exclude: string[];
  profile?: string;
}

export interface ServeConfig {
  file?: string;
  database?: string;
  /** The check configuration (.shipshape.yaml) scans use. */
  checks?: string;
  retentionMs: number;
  clusters: ClusterTarget[];
  /** SLA per severity for the KPIs, in ms. */
  sla: Record<Severity, number>;
  http: Record<string, unknown>;
  /** The `notify` section (channels, interval), as src/serve/notify/service.ts parses it. */
  notify: Record<string, unknown>;
  /** The namespace label whose value names the team owning the namespace (per-team views), if any. */
  teamLabel?: string;
}

export const DEFAULTS = {
  intervalMs: 15 * 60_000,
  timeoutMs: 10 * 60_000,
  retentionMs: 400 * 86_400_000,
  /** Common public defaults (docs/kpis.md), to be set by each team. */
  sla: { critical: 7, high: 30, medium: 90, low: 180, info: 365 } as Record<Severity, number>,
};

const TOP = [
  'database',
  'checks',
  'interval',
  'timeout',
  'retention',
  'clusters',
  'kpi',
  'teamLabel',
  'http',
  'notify',
];
/** Keys of the `http` section: the address (serve, unless --listen), and what the HTTP half reads (http/start.ts). */
const HTTP = ['host', 'port', 'tokenFile', 'proxyHeader', 'metricsNamespaceLabel', 'metricsMaxSeries'];
export const DEFAULT_LISTEN = { host: '127.0.0.1', port: 8080 };
/** Keys the notifier reads (src/serve/notify/service.ts, docs/dashboard.md). */
const NOTIFY = ['interval', 'dashboardUrl', 'channels'];
const CHANNEL = [
  'name',
  'kind',
  'urlFile',
  'urlEnv',
  'signingSecretFile',
  'signingSecretEnv',
  'threshold',
  'resolved',
  // Refused by the notifier with its own advice (a URL is a secret: urlFile or urlEnv).
  'url',
];
const CLUSTER = [
  'name',
  'kubeconfig',
  'context',
  'inCluster',
  'namespaces',
  'interval',
  'timeout',
  'upgradeTarget',
  'include',
  'exclude',
  'profile',
];
const KPI = ['sla'];
/** Keys an earlier serve accepted under another name: named in the refusal. */
const RENAMED: Record<string, string> = { notifications: 'notify' };

export function readServeConfig(file: string): ServeConfig {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'), { maxAliasCount: 100 });
  } catch (error) {
    throw new UsageError(`reading serve config "${file}": ${errorReason(error)}`);
  }
  return { ...parseServeConfig(raw ?? {}, file), file };
}

export function parseServeConfig(raw: unknown, where = 'serve config'): ServeConfig {
  const fail = (message: string): never => {
    throw new UsageError(`${where}: ${message}`);
  };
  const top = mapping(raw, 'the file', fail);
  knownKeys(top, TOP, '', fail);
  const interval = duration(top.interval, 'interval', fail) ?? DEFAULTS.intervalMs;
  const timeout = duration(top.timeout, 'timeout', fail) ?? DEFAULTS.timeoutMs;
  const config: ServeConfig = {
    retentionMs: duration(top.retention, 'retention', fail) ?? DEFAULTS.retentionMs,
    clusters: [],
    sla: { ...DEFAULTS.sla },
    http: top.http === undefined ? {} : mapping(top.http, '"http"', fail),
    notify: top.notify === undefined ? {} : mapping(top.notify, '"notify"', fail),
  };
  knownKeys(config.http, HTTP, 'http.', fail);
  if (config.http.host !== undefined) text(config.http.host, 'http.host', fail);
  const port = config.http.port;
  if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65535))
    fail(`"http.port" must be a port number (0–65535), not ${JSON.stringify(port)}`);
  knownKeys(config.notify, NOTIFY, 'notify.', fail);
  if (Array.isArray(config.notify.channels))
    for (const [i, channel] of config.notify.channels.entries())
      if (typeof channel === 'object' && channel !== null && !Array.isArray(channel))
        knownKeys(channel as Record<string, unknown>, CHANNEL, `notify.channels[${i}].`, fail);
  for (const s of SEVERITIES) config.sla[s] *= 86_400_000;
  if (top.database !== undefined) config.database = text(top.database, 'database', fail);
  if (top.checks !== undefined) config.checks = text(top.checks, 'checks', fail);
  if (top.teamLabel !== undefined) config.teamLabel = text(top.teamLabel, 'teamLabel', fail);
  if (top.kpi !== undefined) {
    const kpi = mapping(top.kpi, '"kpi"', fail);
    knownKeys(kpi, KPI, 'kpi.', fail);
    if (kpi.sla !== undefined) {
      const sla = mapping(kpi.sla, '"kpi.sla"', fail);
      knownKeys(sla, [...SEVERITIES], 'kpi.sla.', fail);
      for (const [severity, value] of Object.entries(sla)) {
        if (!isSeverity(severity)) continue;
        config.sla[severity] = duration(value, `kpi.sla.${severity}`, fail)!;
      }
    }
  }
  if (top.clusters !== undefined) {
    if (!Array.isArray(top.clusters)) fail('"clusters" must be a list');
    for (const [i, entry] of (top.clusters as unknown[]).entries()) {
      const at = `clusters[${i}]`;
      const c = mapping(entry, at, fail);
      knownKeys(c, CLUSTER, `${at}.`, fail);
      const target: ClusterTarget = {
        name: '',
        inCluster: c.inCluster === undefined ? false : bool(c.inCluster, `${at}.inCluster`, fail),
        intervalMs: duration(c.interval, `${at}.interval`, fail) ?? interval,
        timeoutMs: duration(c.timeout, `${at}.timeout`, fail) ?? timeout,
        include: list(c.include, `${at}.include`, fail),
        exclude: list(c.exclude, `${at}.exclude`, fail),
      };
      if (c.kubeconfig !== undefined) target.kubeconfig = text(c.kubeconfig, `${at}.kubeconfig`, fail);
      if (c.context !== undefined) target.context = text(c.context, `${at}.context`, fail);
      if (c.namespaces !== undefined) target.namespaces = list(c.namespaces, `${at}.namespaces`, fail);
      if (c.upgradeTarget !== undefined) target.upgradeTarget = String(c.upgradeTarget);
      if (c.profile !== undefined) target.profile = text(c.profile, `${at}.profile`, fail);
      if (target.inCluster && (target.kubeconfig || target.context))
        fail(
          `${at}: inCluster uses the pod's service account; it cannot be combined with kubeconfig or context`,
        );
      const name = c.name ?? target.context ?? (target.inCluster ? 'in-cluster' : undefined);
      if (name === undefined) fail(`${at}: give a name, a context, or inCluster: true`);
      target.name = text(name, `${at}.name`, fail);
      if (!/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/.test(target.name))
        fail(`${at}.name "${target.name}": use letters, digits and . _ : @ - (at most 128)`);
      if (config.clusters.some((other) => other.name === target.name))
        fail(`${at}: cluster name "${target.name}" is used twice`);
      config.clusters.push(target);
    }
  }
  return config;
}

/** Where the dashboard and /metrics listen when --listen is not given: the config's http.host and http.port. */
export function httpAddress(config: ServeConfig): { host: string; port: number } {
  return {
    host: (config.http.host as string | undefined) ?? DEFAULT_LISTEN.host,
    port: (config.http.port as number | undefined) ?? DEFAULT_LISTEN.port,
  };
}

/** A cluster from flags (--context, --in-cluster) when there is no config file. */
export function clusterFromFlags(
  flags: { kubeconfig?: string; context?: string; inCluster?: boolean; namespaces?: string[] },
  name: string,
  intervalMs: number,
  timeoutMs: number,
): ClusterTarget {
  const target: ClusterTarget = {
    name,
    inCluster: flags.inCluster === true,
    intervalMs,
    timeoutMs,
    include: [],
    exclude: [],
  };
  if (flags.kubeconfig) target.kubeconfig = flags.kubeconfig;
  if (flags.context) target.context = flags.context;
  if (flags.namespaces) target.namespaces = flags.namespaces;
  return target;
}

/** "15m", "1h30m", "30d" (kubectl-style), at least one second. */
export function parseInterval(value: string, what: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms < 1000)
    throw new UsageError(`${what} "${value}" is not a duration such as 30s, 15m, 2h or 30d`);
  return ms;
}

type Fail = (message: string) => never;

function mapping(value: unknown, what: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} must be a mapping`);
  return value as Record<string, unknown>;
}

function knownKeys(
  record: Record<string, unknown>,
  known: readonly string[],
  prefix: string,
  fail: Fail,
): void {
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    const [near] = RENAMED[key] && known.includes(RENAMED[key]) ? [RENAMED[key]] : suggest(key, known, 1);
    fail(
      `unknown key "${prefix}${key}"${near ? ` (did you mean "${prefix}${near}"?)` : ''}; known: ${known.join(', ')}`,
    );
  }
}

function duration(value: unknown, what: string, fail: Fail): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(`"${what}" must be a duration such as 30s, 15m, 2h or 30d`);
  const ms = parseDuration(value as string);
  if (ms === undefined || ms < 1000)
    fail(`"${what}": "${String(value)}" is not a duration such as 30s, 15m, 2h or 30d`);
  return ms;
}

function text(value: unknown, what: string, fail: Fail): string {
  if (typeof value !== 'string' || value === '') fail(`"${what}" must be a non-empty string`);
  return value as string;
}

function bool(value: unknown, what: string, fail: Fail): boolean {
  if (typeof value !== 'boolean') fail(`"${what}" must be true or false`);
  return value as boolean;
}

function list(value: unknown, what: string, fail: Fail): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === ''))
    fail(`"${what}" must be a list of strings`);
  return value as string[];
}
