// CronJob schedules as the Kubernetes API server and CronJob controller read them: the standard parser of
// github.com/robfig/cron/v3 (5 fields, or an @descriptor), plus the API's own rule that a TZ=/CRON_TZ= prefix is
// rejected since Kubernetes 1.29 (use spec.timeZone instead).
// https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax

export type CronResult = { valid: true; neverRuns?: string } | { valid: false; reason: string };

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: Object.fromEntries(MONTHS.map((m, i) => [m, i + 1])) },
  { name: 'day of week', min: 0, max: 6, names: Object.fromEntries(DAYS.map((d, i) => [d, i])) },
];

const DESCRIPTORS = new Set([
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
]);
// Go's time.ParseDuration: a sequence of decimal numbers with a unit each, optionally signed; "0" alone is allowed.
const GO_DURATION = /^[+-]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;

interface ParsedField {
  values: Set<number>;
  star: boolean;
}

export function parseCronSchedule(schedule: unknown): CronResult {
  if (typeof schedule !== 'string') return { valid: false, reason: 'the schedule is not a string' };
  if (schedule.includes('TZ'))
    return {
      valid: false,
      reason:
        'TZ and CRON_TZ are not allowed in the schedule since Kubernetes 1.29; set spec.timeZone instead',
    };
  const spec = schedule.trim();
  if (spec === '') return { valid: false, reason: 'the schedule is empty' };
  if (spec.startsWith('@')) return parseDescriptor(spec);
  const parts = spec.split(/\s+/);
  if (parts.length !== 5)
    return {
      valid: false,
      reason: `expected exactly 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}`,
    };
  const fields: ParsedField[] = [];
  for (let i = 0; i < 5; i++) {
    const field = parseField(parts[i] as string, FIELDS[i] as FieldSpec);
    if (typeof field === 'string') return { valid: false, reason: field };
    fields.push(field);
  }
  const neverRuns = impossibleDate(
    fields[2] as ParsedField,
    fields[3] as ParsedField,
    fields[4] as ParsedField,
  );
  return neverRuns ? { valid: true, neverRuns } : { valid: true };
}

function parseDescriptor(spec: string): CronResult {
  if (DESCRIPTORS.has(spec)) return { valid: true };
  if (spec.startsWith('@every ')) {
    const duration = spec.slice('@every '.length).trim();
    if (GO_DURATION.test(duration)) return { valid: true };
    return { valid: false, reason: `"${duration}" is not a duration (e.g. 90s, 5m, 1h30m)` };
  }
  return {
    valid: false,
    reason: `unknown descriptor "${spec}" (known: ${[...DESCRIPTORS].join(', ')}, @every <duration>)`,
  };
}

function parseField(text: string, spec: FieldSpec): ParsedField | string {
  const values = new Set<number>();
  let star = false;
  for (const expr of text.split(',')) {
    const where = `${spec.name} "${expr}"`;
    const rangeAndStep = expr.split('/');
    if (rangeAndStep.length > 2) return `${where}: too many slashes`;
    const lowAndHigh = (rangeAndStep[0] as string).split('-');
    let start: number;
    let end: number;
    const isStar = lowAndHigh[0] === '*' || lowAndHigh[0] === '?';
    if (isStar) {
      start = spec.min;
      end = spec.max;
      star = rangeAndStep.length === 1;
    } else {
      if (lowAndHigh.length > 2) return `${where}: too many hyphens`;
      const low = intOrName(lowAndHigh[0] as string, spec);
      if (typeof low === 'string') return `${where}: ${low}`;
      start = low;
      end = low;
      if (lowAndHigh.length === 2) {
        const high = intOrName(lowAndHigh[1] as string, spec);
        if (typeof high === 'string') return `${where}: ${high}`;
        end = high;
      }
    }
    let step = 1;
    if (rangeAndStep.length === 2) {
      const parsed = plainInt(rangeAndStep[1] as string);
      if (parsed === undefined) return `${where}: step "${rangeAndStep[1]}" is not a number`;
      step = parsed;
      // "5/15" means 5 through the maximum, every 15.
      if (!isStar && lowAndHigh.length === 1) end = spec.max;
    }
    if (start < spec.min) return `${where}: ${start} is below the minimum ${spec.min}`;
    if (end > spec.max) return `${where}: ${end} is above the maximum ${spec.max}`;
    if (start > end) return `${where}: range starts after it ends`;
    if (step === 0) return `${where}: step must be a positive number`;
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return { values, star };
}

function intOrName(text: string, spec: FieldSpec): number | string {
  const named = spec.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  const value = plainInt(text);
  if (value === undefined)
    return text === '' ? 'empty value' : `"${text}" is not a number${spec.names ? ' or a name' : ''}`;
  return value;
}

function plainInt(text: string): number | undefined {
  return /^\+?\d+$/.test(text) ? Number(text) : undefined;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** With day-of-week unrestricted, day-of-month and month must name a real date or the job never runs. */
function impossibleDate(dom: ParsedField, month: ParsedField, dow: ParsedField): string | undefined {
  if (!dow.star) return undefined;
  for (const m of month.values) {
    for (const d of dom.values) if (d <= (DAYS_IN_MONTH[m - 1] as number)) return undefined;
  }
  return `no month selected by the schedule has day ${[...dom.values].join(',')}`;
}
