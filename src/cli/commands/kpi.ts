// `shipshape kpi`: the platform KPIs of the findings history for a window ending now (docs/kpis.md has every
// formula). Reads the same database `shipshape serve` writes; never creates one.
import { existsSync } from 'node:fs';
import { isPostgresUrl, redactUrl } from '../../store/open.ts';
import type { Kpis } from '../../store/store.ts';
import { UsageError } from '../errors.ts';
import { DEFAULT_DATABASE } from './serve.ts';

export interface KpiFlags {
  database?: string;
  config?: string;
  since: string;
  cluster?: string;
  output: string;
}

export async function kpi(flags: KpiFlags, now = Date.now()): Promise<number> {
  if (flags.output !== 'markdown' && flags.output !== 'json')
    throw new UsageError(`unknown output format "${flags.output}" for kpi; use markdown or json`);
  const { parseInterval, parseServeConfig, readServeConfig } = await import('../../serve/config.ts');
  const since = parseInterval(flags.since, '--since');
  const config = flags.config ? readServeConfig(flags.config) : parseServeConfig({});
  const location = flags.database ?? process.env.SHIPSHAPE_DATABASE ?? config.database ?? DEFAULT_DATABASE;
  if (!isPostgresUrl(location) && !existsSync(location))
    throw new UsageError(
      `no history database at "${location}": run \`shipshape serve\` first, or name it with --database`,
    );
  const { HistoryStore } = await import('../../store/store.ts');
  const store = await HistoryStore.open(location);
  let kpis: Kpis;
  try {
    kpis = await store.kpis({
      from: now - since,
      to: now,
      sla: config.sla,
      ...(flags.cluster ? { cluster: flags.cluster } : {}),
    });
  } finally {
    await store.close();
  }
  const report = {
    database: isPostgresUrl(location) ? redactUrl(location) : location,
    cluster: flags.cluster ?? null,
    ...kpis,
  };
  process.stdout.write(
    flags.output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : kpiMarkdown(report),
  );
  return 0;
}

const pct = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)} %`);
const hours = (h: number | null) =>
  h === null ? '–' : h >= 48 ? `${(h / 24).toFixed(1)} d` : `${h.toFixed(1)} h`;
const days = (d: number | null) => (d === null ? '–' : `${d.toFixed(1)} d`);
const minutes = (m: number | null) => (m === null ? '–' : m >= 120 ? hours(m / 60) : `${m.toFixed(1)} min`);

export function kpiMarkdown(k: Kpis & { cluster: string | null; database: string }): string {
  const out: string[] = [];
  const scope = k.cluster ? `cluster ${k.cluster}` : 'all clusters';
  out.push(
    `# Platform KPIs: ${scope}, ${k.window.from} – ${k.window.to} (${k.window.days.toFixed(1)} days)`,
    '',
  );
  out.push('Formulas: docs/kpis.md. `–` = no data in the window.', '');

  out.push(
    '## Time to resolve (MTTR)',
    '',
    '| group | resolved | median | p90 | mean |',
    '|---|---:|---:|---:|---:|',
  );
  const row = (name: string, d: Kpis['mttr']['all']) =>
    out.push(
      `| ${name} | ${d.count} | ${hours(d.medianHours)} | ${hours(d.p90Hours)} | ${hours(d.meanHours)} |`,
    );
  row('all', k.mttr.all);
  for (const [severity, d] of Object.entries(k.mttr.bySeverity)) row(`severity ${severity}`, d);
  for (const [category, d] of Object.entries(k.mttr.byCategory)) row(`category ${category}`, d);
  out.push('');

  const c = k.slaCompliance;
  out.push(
    '## SLA',
    '',
    `SLAs: ${Object.entries(k.slaDays)
      .map(([s, d]) => `${s} ${d} d`)
      .join(', ')}.`,
    '',
    `- Compliance: ${pct(c.rate)} (${c.met} of ${c.due} findings due in the window were resolved by their due time; ${c.excluded} gone or suppressed by then are not counted)`,
  );
  for (const [severity, b] of Object.entries(c.bySeverity))
    out.push(`  - ${severity}: ${pct(b.rate)} (${b.met} of ${b.due})`);
  out.push(
    `- Closure within SLA: ${pct(k.slaClosure.rate)} (${k.slaClosure.onTime} of ${k.slaClosure.resolved} resolutions)`,
    '',
  );

  const b = k.backlog;
  out.push(
    '## Backlog (open now)',
    '',
    `- Open: ${b.open} (${Object.entries(b.bySeverity)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')})`,
    `- Age: median ${days(b.medianAgeDays)}, oldest ${days(b.maxAgeDays)}; 0–7 d ${b.buckets['0-7']}, 8–30 d ${b.buckets['8-30']}, 31–90 d ${b.buckets['31-90']}, over 90 d ${b.buckets['>90']}`,
    '',
  );

  out.push(
    '## Quality',
    '',
    `- Reopen rate: ${pct(k.reopen.rate)} (${k.reopen.reopened} reopened per ${k.reopen.resolved} resolved)`,
    `- Noise rate: ${pct(k.noise.rate)} (${k.noise.noisy} of ${k.noise.opened} opened were suppressed, or resolved without their object changing, within a day)`,
  );
  for (const n of k.noise.byCheck) out.push(`  - ${n.check}: ${pct(n.rate)} (${n.noisy} of ${n.opened})`);
  out.push(`- Gone (object deleted, not fixed): ${k.gone}; suppressed: ${k.suppressed}`, '');

  const v = k.coverage;
  out.push(
    '## Coverage',
    '',
    `- Scans: ${v.scans} (${v.completed} completed, ${v.failed} failed); full coverage ${pct(v.rate)} (${v.full})`,
  );
  if (v.kindsMissing.length > 0) out.push(`- Kinds not read in some scan: ${v.kindsMissing.join(', ')}`);
  if (v.namespacesForbidden.length > 0)
    out.push(`- Namespaces not readable in some scan: ${v.namespacesForbidden.join(', ')}`);
  const d = k.delivery;
  const kinds = Object.entries(d.rollouts.byKind)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  out.push(
    '',
    '## Delivery (from the revisions the cluster records)',
    '',
    `- Deployment frequency: ${d.rollouts.count} workload rollouts, ${d.rollouts.perDay.toFixed(2)} per day${kinds ? ` (${kinds})` : ''}`,
    `- Rollback rate: ${pct(d.rollbacks.rate)} (${d.rollbacks.count} rollbacks: a revision that repeats an earlier pod template)`,
    `- Recovery time (rollback − the revision it replaced): median ${minutes(d.recovery.medianMinutes)}, p90 ${minutes(d.recovery.p90Minutes)}, mean ${minutes(d.recovery.meanMinutes)} over ${d.recovery.count}`,
    `- Helm releases: ${d.helm.revisions} revisions, ${d.helm.perDay.toFixed(2)} per day, ${d.helm.failed} failed; recovery (failed → next successful revision): median ${minutes(d.helm.recovery.medianMinutes)} over ${d.helm.recovery.count}`,
  );
  if (d.observedTimes > 0)
    out.push(
      `- ${d.observedTimes} of these revisions are dated by the scan that first saw them (a rollback re-uses an older object): precise to the scan interval`,
    );
  out.push(`- Lead time for changes: not derivable from a cluster (${d.leadTime.reason}).`, '');
  return `${out.join('\n')}`;
}
