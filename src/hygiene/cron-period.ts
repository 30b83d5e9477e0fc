// The longest gap between two runs of a cron schedule (Velero Schedules use robfig/cron: 5 fields, @descriptors,
// "@every <duration>"), to tell whether the last successful backup is older than the schedule promises.
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const NAMES: Record<string, number> = Object.fromEntries([
  ...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [
    m,
    i + 1,
  ]),
  ...['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d, i) => [d, i]),
]);

function value(token: string): number {
  const named = NAMES[token.toLowerCase()];
  return named ?? (/^\d+$/.test(token) ? Number(token) : Number.NaN);
}

function field(text: string, min: number, max: number): { set: Set<number>; star: boolean } | undefined {
  const set = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = min;
      hi = max;
      if (stepText === undefined) star = true;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      lo = value(a);
      hi = value(b);
    } else {
      lo = value(range);
      hi = stepText === undefined ? lo : max;
    }
    if (max === 6 && hi === 7) hi = 6; // 7 is Sunday too
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < min || hi > max || lo > hi) return undefined;
    for (let v = lo; v <= hi; v += step) set.add(v);
  }
  return { set, star };
}

const GO_UNITS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** The longest time between consecutive runs in milliseconds, or undefined for a schedule we cannot read. */
export function cronMaxGapMs(schedule: unknown): number | undefined {
  if (typeof schedule !== 'string') return undefined;
  let spec = schedule.trim().replace(/^(CRON_)?TZ=\S+\s+/, '');
  if (/^@every\s/.test(spec)) {
    let total = 0;
    const text = spec.slice('@every'.length).trim();
    // Sticky: each duration starts where the last ended, so the scan is one pass (a Go duration is "1h30m").
    const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
    let consumed = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      total += Number(m[1]) * GO_UNITS[m[2]!]!;
      consumed = re.lastIndex;
    }
    return consumed === text.length && total > 0 ? total : undefined;
  }
  spec = DESCRIPTORS[spec] ?? spec;
  const parts = spec.split(/\s+/);
  if (parts.length !== 5) return undefined;
  const minute = field(parts[0]!, 0, 59);
  const hour = field(parts[1]!, 0, 23);
  const dom = field(parts[2]!, 1, 31);
  const month = field(parts[3]!, 1, 12);
  const dow = field(parts[4]!, 0, 6);
  if (!minute || !hour || !dom || !month || !dow) return undefined;
  // Over 4 years (leap day included), day by day: cron's rule is dom OR dow when both are restricted.
  const start = Date.UTC(2024, 0, 1);
  let previous: number | undefined;
  let first: number | undefined;
  let gap = 0;
  const minutes = [...minute.set].sort((a, b) => a - b);
  const hours = [...hour.set].sort((a, b) => a - b);
  for (let d = 0; d < 4 * 366; d++) {
    const day = new Date(start + d * 86_400_000);
    if (!month.set.has(day.getUTCMonth() + 1)) continue;
    const domOk = dom.set.has(day.getUTCDate());
    const dowOk = dow.set.has(day.getUTCDay());
    const ok = dom.star || dow.star ? domOk && dowOk : domOk || dowOk;
    if (!ok) continue;
    for (const h of hours)
      for (const m of minutes) {
        const t = day.getTime() + h * 3_600_000 + m * 60_000;
        if (previous !== undefined) gap = Math.max(gap, t - previous);
        first ??= t;
        previous = t;
      }
  }
  if (previous === undefined || first === undefined) return undefined;
  if (previous === first) return undefined;
  return gap;
}
