// The Prometheus text exposition of a MetricsSnapshot, through prom-client (naming, escaping and the text format
// are its job). Naming and cardinality rules: https://prometheus.io/docs/practices/naming/ — base units,
// `_timestamp_seconds` for times (never "seconds ago"), `_total` only on counters, no object names on unbounded
// series, 0 exported for every severity so series do not appear and disappear. Decision 0061.
import { Counter, Gauge, Registry } from 'prom-client';
import { SEVERITIES } from '../../core/severity.ts';
import type { MetricsSnapshot, TransitionKind } from './snapshot.ts';

export interface ExpositionOptions {
  /** Break findings down by namespace (one series per namespace × severity × category). Default true. */
  namespaceLabel?: boolean;
  /** Series budget for the per-namespace and per-certificate families; past it they are cut and counted. */
  maxSeries?: number;
}

export const DEFAULT_MAX_SERIES = 10_000;
const TRANSITIONS: readonly TransitionKind[] = ['opened', 'reopened', 'resolved', 'gone', 'suppressed'];
/** Stated in every HELP text of scan-derived families: these are not live values. */
const AS_OF = 'as of the last completed scan (see shipshape_scan_last_success_timestamp_seconds)';

export interface Exposition {
  text: string;
  contentType: string;
  series: number;
  dropped: number;
}

export async function renderMetrics(
  snapshot: MetricsSnapshot,
  options: ExpositionOptions = {},
): Promise<Exposition> {
  const registry = new Registry();
  const maxSeries = options.maxSeries ?? DEFAULT_MAX_SERIES;
  const byNamespace = options.namespaceLabel !== false;
  const gauge = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  let budget = maxSeries;
  let dropped = 0;
  const take = (): boolean => {
    if (budget <= 0) {
      dropped++;
      return false;
    }
    budget--;
    return true;
  };

  gauge('shipshape_build_info', 'shipshape build: version and Node.js runtime (always 1)', [
    'version',
    'node_version',
  ]).set({ version: snapshot.version, node_version: process.versions.node }, 1);
  const attempt = gauge(
    'shipshape_scan_last_attempt_timestamp_seconds',
    'When the last scan attempt of the cluster ended, completed or failed',
    ['cluster_name'],
  );
  const success = gauge(
    'shipshape_scan_success',
    '1 when the last scan attempt of the cluster completed, 0 when it failed',
    ['cluster_name'],
  );
  const interval = gauge(
    'shipshape_scan_interval_seconds',
    'Seconds between scheduled scans of the cluster',
    ['cluster_name'],
  );
  const lastSuccess = gauge(
    'shipshape_scan_last_success_timestamp_seconds',
    'When the last completed scan of the cluster ended',
    ['cluster_name'],
  );
  const duration = gauge(
    'shipshape_scan_duration_seconds',
    'How long the last completed scan of the cluster took',
    ['cluster_name'],
  );
  const coverage = gauge(
    'shipshape_scan_coverage_ratio',
    `Share of the scan scope that could be read (1 = everything), ${AS_OF}`,
    ['cluster_name'],
  );
  const problems = gauge('shipshape_scan_problems', `Errors and warnings the scan reported, ${AS_OF}`, [
    'cluster_name',
  ]);
  const open = gauge('shipshape_findings_open', `Open findings by severity (0 for each severity), ${AS_OF}`, [
    'cluster_name',
    'severity',
  ]);
  const suppressed = gauge('shipshape_findings_suppressed', `Suppressed findings, ${AS_OF}`, [
    'cluster_name',
  ]);
  const byCheck = gauge(
    'shipshape_findings_by_check',
    `Open findings by check id and severity (bounded by the check registry), ${AS_OF}`,
    ['cluster_name', 'check', 'severity'],
  );
  const byNs = byNamespace
    ? gauge(
        'shipshape_findings_by_namespace',
        `Open findings by namespace, severity and category ("" for cluster-scoped objects), ${AS_OF}`,
        ['cluster_name', 'namespace', 'severity', 'category'],
      )
    : undefined;
  const certs = gauge(
    'shipshape_certificate_not_after_timestamp_seconds',
    `When the earliest-expiring certificate at an object's field expires, ${AS_OF}`,
    ['cluster_name', 'namespace', 'kind', 'name', 'field'],
  );
  const transitions = new Counter({
    name: 'shipshape_finding_transitions_total',
    help: 'Finding lifecycle transitions recorded in the history since this process started, by the state entered and severity',
    labelNames: ['cluster_name', 'to_state', 'severity'],
    registers: [registry],
  });

  for (const cluster of snapshot.clusters) {
    const c = { cluster_name: cluster.cluster };
    if (cluster.intervalSeconds !== undefined) interval.set(c, cluster.intervalSeconds);
    if (cluster.lastAttempt) {
      attempt.set(c, cluster.lastAttempt.finishedAt);
      success.set(c, cluster.lastAttempt.success ? 1 : 0);
    }
    for (const kind of TRANSITIONS)
      for (const severity of SEVERITIES)
        transitions.inc({ ...c, to_state: kind, severity }, cluster.transitions?.[kind]?.[severity] ?? 0);
    const last = cluster.lastCompleted;
    if (!last) continue;
    lastSuccess.set(c, last.finishedAt);
    duration.set(c, last.durationSeconds);
    if (last.coverageRatio !== undefined) coverage.set(c, last.coverageRatio);
    problems.set(c, last.problems);
    suppressed.set(c, last.suppressed);
    const bySeverity = new Map<string, number>(SEVERITIES.map((s) => [s, 0]));
    const checks = new Map<string, number>();
    const namespaces = new Map<string, number>();
    for (const f of last.findings) {
      bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + f.count);
      const checkKey = `${f.check}\u0000${f.severity}`;
      checks.set(checkKey, (checks.get(checkKey) ?? 0) + f.count);
      const nsKey = `${f.namespace}\u0000${f.severity}\u0000${f.category}`;
      namespaces.set(nsKey, (namespaces.get(nsKey) ?? 0) + f.count);
    }
    for (const [severity, count] of bySeverity) open.set({ ...c, severity }, count);
    for (const [key, count] of checks) {
      const [check, severity] = key.split('\u0000') as [string, string];
      byCheck.set({ ...c, check, severity }, count);
    }
    if (byNs)
      for (const [key, count] of [...namespaces].sort((a, b) => b[1] - a[1])) {
        if (!take()) continue;
        const [namespace, severity, category] = key.split('\u0000') as [string, string, string];
        byNs.set({ ...c, namespace, severity, category }, count);
      }
    // Soonest first, so a cut keeps the certificates that matter.
    for (const cert of [...last.certificates].sort((a, b) => a.notAfter - b.notAfter)) {
      if (!take()) continue;
      certs.set(
        { ...c, namespace: cert.namespace, kind: cert.kind, name: cert.name, field: cert.field },
        cert.notAfter,
      );
    }
  }
  gauge(
    'shipshape_metrics_series_dropped',
    'Series left out of the per-namespace and per-certificate families because the series budget was reached',
    [],
  ).set(dropped);
  return {
    text: await registry.metrics(),
    contentType: registry.contentType,
    series: maxSeries - budget,
    dropped,
  };
}
