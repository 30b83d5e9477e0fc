// Platform KPIs from the history, each with the exact formula docs/kpis.md gives. Pure arithmetic over rows read
// once: findingKpis() takes the rows, computeKpis() reads them for a window.
import type { Kysely } from 'kysely';
import { SEVERITIES, type Severity } from '../core/severity.ts';
import { NOT_SERVED } from '../sources/cluster/load-cluster.ts';
import type { Coverage } from './coverage.ts';
import { UNCHANGED } from './lifecycle.ts';
import type { Database, EventKind, FindingState } from './schema.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** A suppression or an unchanged-object resolution this soon after opening counts as noise. */
export const NOISE_WINDOW_MS = DAY_MS;

export interface KpiEvent {
  findingId: number;
  at: number;
  openedAt: number;
  kind: EventKind;
  from: FindingState | null;
  to: FindingState;
  severity: string;
  reason: string | null;
  category: string;
  check: string;
}

export interface KpiScan {
  cluster: string;
  status: 'completed' | 'failed';
  startedAt: number;
  coverage: Partial<Coverage>;
}

export interface KpiInput {
  from: number;
  to: number;
  /** SLA per severity, ms. */
  sla: Record<Severity, number>;
  /** Events whose episode opened at or after from − the longest SLA, up to `to`. */
  events: KpiEvent[];
  /** Open findings now: severity and episode start. */
  open: { severity: string; openedAt: number }[];
  scans: KpiScan[];
}

export interface Durations {
  count: number;
  /** Nearest-rank percentiles and the mean, in hours; null without data. */
  medianHours: number | null;
  p90Hours: number | null;
  meanHours: number | null;
}

export interface FindingKpis {
  window: { from: string; to: string; days: number };
  slaDays: Record<Severity, number>;
  mttr: { all: Durations; bySeverity: Record<string, Durations>; byCategory: Record<string, Durations> };
  slaCompliance: {
    due: number;
    met: number;
    missed: number;
    excluded: number;
    rate: number | null;
    bySeverity: Record<string, { due: number; met: number; missed: number; rate: number | null }>;
  };
  slaClosure: { resolved: number; onTime: number; rate: number | null };
  backlog: {
    open: number;
    bySeverity: Record<Severity, number>;
    medianAgeDays: number | null;
    maxAgeDays: number | null;
    buckets: Record<'0-7' | '8-30' | '31-90' | '>90', number>;
  };
  reopen: { resolved: number; reopened: number; rate: number | null };
  noise: {
    opened: number;
    noisy: number;
    suppressed: number;
    resolvedUnchanged: number;
    rate: number | null;
    byCheck: { check: string; opened: number; noisy: number; rate: number }[];
  };
  gone: number;
  suppressed: number;
  coverage: {
    scans: number;
    completed: number;
    failed: number;
    full: number;
    rate: number | null;
    kindsMissing: string[];
    namespacesForbidden: string[];
  };
}

export function findingKpis(input: KpiInput): FindingKpis {
  const { from, to, sla, events } = input;
  const inWindow = (at: number) => at >= from && at <= to;
  const windowEvents = events.filter((e) => inWindow(e.at));

  // MTTR: resolved events in the window, time from the episode's opening.
  const resolved = windowEvents.filter((e) => e.kind === 'resolved');
  const mttr = {
    all: durations(resolved.map((e) => e.at - e.openedAt)),
    bySeverity: groupDurations(resolved, (e) => e.severity),
    byCategory: groupDurations(resolved, (e) => e.category),
  };

  // Episodes: (finding, openedAt) with their events in order.
  const episodes = new Map<string, KpiEvent[]>();
  for (const e of events) {
    const key = `${e.findingId}:${e.openedAt}`;
    const list = episodes.get(key) ?? [];
    list.push(e);
    episodes.set(key, list);
  }
  for (const list of episodes.values()) list.sort((a, b) => a.at - b.at);

  // SLA compliance: episodes due in the window, judged by their state at the due time.
  const compliance = {
    due: 0,
    met: 0,
    missed: 0,
    excluded: 0,
    rate: null as number | null,
    bySeverity: {} as FindingKpis['slaCompliance']['bySeverity'],
  };
  for (const list of episodes.values()) {
    const first = list[0]!;
    const severity = openingSeverity(list);
    const due = first.openedAt + (sla[severity as Severity] ?? sla.info);
    if (!inWindow(due)) continue;
    let state: FindingState = 'open';
    for (const e of list) if (e.at <= due) state = e.to;
    compliance.bySeverity[severity] ??= { due: 0, met: 0, missed: 0, rate: null };
    const bucket = compliance.bySeverity[severity];
    if (state === 'gone' || state === 'suppressed') {
      compliance.excluded++;
      continue;
    }
    compliance.due++;
    bucket.due++;
    if (state === 'resolved') {
      compliance.met++;
      bucket.met++;
    } else {
      compliance.missed++;
      bucket.missed++;
    }
  }
  compliance.rate = ratio(compliance.met, compliance.due);
  for (const b of Object.values(compliance.bySeverity)) b.rate = ratio(b.met, b.due);

  const onTime = resolved.filter(
    (e) => e.at <= e.openedAt + (sla[e.severity as Severity] ?? sla.info),
  ).length;

  // Backlog now.
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const buckets = { '0-7': 0, '8-30': 0, '31-90': 0, '>90': 0 };
  const ages = input.open.map((f) => (to - f.openedAt) / DAY_MS).sort((a, b) => a - b);
  for (const f of input.open) if (f.severity in bySeverity) bySeverity[f.severity as Severity]++;
  for (const age of ages) {
    if (age <= 7) buckets['0-7']++;
    else if (age <= 30) buckets['8-30']++;
    else if (age <= 90) buckets['31-90']++;
    else buckets['>90']++;
  }

  // Reopen rate: reopenings of a resolved finding per resolution, in the window.
  const reopened = windowEvents.filter((e) => e.kind === 'reopened' && e.from === 'resolved').length;

  // Noise: episodes opened in the window that were suppressed, or resolved with their object unchanged, within a day.
  const noise = {
    opened: 0,
    noisy: 0,
    suppressed: 0,
    resolvedUnchanged: 0,
    rate: null as number | null,
    byCheck: [] as FindingKpis['noise']['byCheck'],
  };
  const perCheck = new Map<string, { opened: number; noisy: number }>();
  for (const list of episodes.values()) {
    const first = list[0]!;
    if (!inWindow(first.openedAt) || !(first.kind === 'opened' || first.kind === 'reopened')) continue;
    noise.opened++;
    const check = perCheck.get(first.check) ?? { opened: 0, noisy: 0 };
    check.opened++;
    perCheck.set(first.check, check);
    const soon = list.filter((e) => e.at - first.openedAt <= NOISE_WINDOW_MS);
    const suppressed = soon.some((e) => e.to === 'suppressed');
    const unchanged = soon.some((e) => e.kind === 'resolved' && e.reason === UNCHANGED);
    if (suppressed) noise.suppressed++;
    else if (unchanged) noise.resolvedUnchanged++;
    if (suppressed || unchanged) {
      noise.noisy++;
      check.noisy++;
    }
  }
  noise.rate = ratio(noise.noisy, noise.opened);
  noise.byCheck = [...perCheck.entries()]
    .filter(([, c]) => c.noisy > 0)
    .map(([check, c]) => ({ check, opened: c.opened, noisy: c.noisy, rate: c.noisy / c.opened }))
    .sort((a, b) => b.rate - a.rate || b.noisy - a.noisy || a.check.localeCompare(b.check))
    .slice(0, 20);

  // Coverage of the scans in the window.
  const scans = input.scans.filter((s) => inWindow(s.startedAt));
  const kindsMissing = new Set<string>();
  const forbidden = new Set<string>();
  let full = 0;
  for (const s of scans) {
    if (s.status !== 'completed') continue;
    const c = s.coverage;
    // A kind the cluster does not serve (an add-on not installed) has no objects to miss: not a gap.
    const missing = (c.kindsMissing ?? []).filter((k) => k.reason !== NOT_SERVED);
    for (const k of missing) kindsMissing.add(k.kind);
    for (const n of c.namespacesForbidden ?? []) forbidden.add(n.namespace);
    if (missing.length === 0 && (c.namespacesForbidden ?? []).length === 0 && c.namespaces === 'all') full++;
  }
  const completed = scans.filter((s) => s.status === 'completed').length;

  return {
    window: {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      days: (to - from) / DAY_MS,
    },
    slaDays: Object.fromEntries(SEVERITIES.map((s) => [s, sla[s] / DAY_MS])) as Record<Severity, number>,
    mttr,
    slaCompliance: compliance,
    slaClosure: { resolved: resolved.length, onTime, rate: ratio(onTime, resolved.length) },
    backlog: {
      open: input.open.length,
      bySeverity,
      medianAgeDays: ages.length ? nearestRank(ages, 0.5) : null,
      maxAgeDays: ages.length ? ages[ages.length - 1]! : null,
      buckets,
    },
    reopen: { resolved: resolved.length, reopened, rate: ratio(reopened, resolved.length) },
    noise,
    gone: windowEvents.filter((e) => e.kind === 'gone').length,
    suppressed: windowEvents.filter(
      (e) => e.kind === 'suppressed' || (e.kind === 'opened' && e.to === 'suppressed'),
    ).length,
    coverage: {
      scans: scans.length,
      completed,
      failed: scans.length - completed,
      full,
      rate: ratio(full, scans.length),
      kindsMissing: [...kindsMissing].sort(),
      namespacesForbidden: [...forbidden].sort(),
    },
  };
}

/** The severity an episode opened with (its first event's), which its SLA is counted from. */
function openingSeverity(list: KpiEvent[]): string {
  return list[0]!.severity;
}

function groupDurations(events: KpiEvent[], key: (e: KpiEvent) => string): Record<string, Durations> {
  const groups = new Map<string, number[]>();
  for (const e of events) {
    const list = groups.get(key(e)) ?? [];
    list.push(e.at - e.openedAt);
    groups.set(key(e), list);
  }
  return Object.fromEntries(
    [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, durations(v)]),
  );
}

export function durations(ms: number[]): Durations {
  if (ms.length === 0) return { count: 0, medianHours: null, p90Hours: null, meanHours: null };
  const hours = ms.map((m) => m / HOUR_MS).sort((a, b) => a - b);
  return {
    count: hours.length,
    medianHours: nearestRank(hours, 0.5),
    p90Hours: nearestRank(hours, 0.9),
    meanHours: hours.reduce((s, h) => s + h, 0) / hours.length,
  };
}

/** The nearest-rank percentile: the value at rank ⌈p·n⌉ of the sorted values (1-based). */
export function nearestRank(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Reads what the KPIs need for [from, to] (all clusters, or one) and computes them. */
export async function computeKpis(
  db: Kysely<Database>,
  options: { from: number; to: number; sla: Record<Severity, number>; cluster?: string },
): Promise<FindingKpis> {
  const longest = SEVERITIES.reduce((most, s) => Math.max(most, options.sla[s]), 0);
  let events = db
    .selectFrom('finding_events as e')
    .innerJoin('findings as f', 'f.id', 'e.finding_id')
    .select([
      'e.finding_id',
      'e.at',
      'e.opened_at',
      'e.kind',
      'e.from_state',
      'e.to_state',
      'e.severity',
      'e.reason',
      'f.category',
      'f.check_id',
    ])
    .where('e.opened_at', '>=', options.from - longest)
    .where('e.at', '<=', options.to);
  let open = db.selectFrom('findings').select(['severity', 'opened_at']).where('state', '=', 'open');
  let scans = db
    .selectFrom('scans')
    .select(['cluster', 'status', 'started_at', 'coverage'])
    .where('started_at', '>=', options.from)
    .where('started_at', '<=', options.to);
  if (options.cluster !== undefined) {
    events = events.where('e.cluster', '=', options.cluster);
    open = open.where('cluster', '=', options.cluster);
    scans = scans.where('cluster', '=', options.cluster);
  }
  const [eventRows, openRows, scanRows] = await Promise.all([
    events.orderBy('e.id').execute(),
    open.execute(),
    scans.execute(),
  ]);
  return findingKpis({
    from: options.from,
    to: options.to,
    sla: options.sla,
    events: eventRows.map((r) => ({
      findingId: r.finding_id,
      at: Number(r.at),
      openedAt: Number(r.opened_at),
      kind: r.kind,
      from: r.from_state,
      to: r.to_state,
      severity: r.severity,
      reason: r.reason,
      category: r.category,
      check: r.check_id,
    })),
    open: openRows.map((r) => ({ severity: r.severity, openedAt: Number(r.opened_at) })),
    scans: scanRows.map((r) => ({
      cluster: r.cluster,
      status: r.status,
      startedAt: Number(r.started_at),
      coverage: parseCoverage(r.coverage),
    })),
  });
}

function parseCoverage(text: string): Partial<Coverage> {
  try {
    return JSON.parse(text) as Partial<Coverage>;
  } catch {
    return {};
  }
}
