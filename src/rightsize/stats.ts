// The statistics of right-sizing, each as one small function (every formula is written out in ADR 0065).

/**
 * The q-quantile of values by nearest rank: the smallest value with at least q of all values at or below it
 * (sorted[ceil(q·n) − 1]). No interpolation, so the answer is always a value that was observed; on equally
 * spaced samples it is also the time-weighted quantile.
 */
export function quantile(values: ArrayLike<number>, q: number): number | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
  return sorted[rank - 1];
}

/** Rounds up to a whole multiple of unit (with a tolerance of a millionth of a unit for the float noise of rates read back from Prometheus). */
export function roundUp(value: number, unit: number): number {
  const units = value / unit;
  const whole = Math.round(units);
  return (Math.abs(units - whole) < 1e-6 ? whole : Math.ceil(units)) * unit;
}

export const MILLICORE = 0.001;
export const CPU_UNIT = 0.005;
export const MIB = 2 ** 20;

/** CPU cores as a Kubernetes quantity: millicores below 10 cores' precision, e.g. 0.125 → "125m". */
export function formatCpu(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes as a Kubernetes quantity in whole Mi (Gi when exact). */
export function formatMemory(bytes: number): string {
  const mib = Math.ceil(bytes / MIB - 1e-9);
  return mib % 1024 === 0 && mib > 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}

/** Bytes for messages: "1.5 GiB", "300 MiB". */
export function humanBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${Number((bytes / 2 ** 30).toFixed(2))} GiB`;
  return `${(bytes / MIB).toFixed(1).replace(/\.0$/, '')} MiB`;
}

/** Cores for messages: "1 core", "2 cores", "120m", "1500m". */
export function humanCpu(cores: number): string {
  const text = formatCpu(roundUp(cores, MILLICORE));
  return text.endsWith('m') ? text : `${text} core${text === '1' ? '' : 's'}`;
}

/** Seconds as a duration: 1209600 → "14d", 5400 → "1h30m", 300 → "5m". */
export function formatDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('') || '0s';
}

/** Parses 14d, 36h, 90m, 30s, 1h30m, or a bare number of seconds. Undefined when malformed or not positive. */
export function parseDuration(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) > 0 ? Number(text) : undefined;
  const re = /(\d+(?:\.\d+)?)(w|d|h|m|s)/gy;
  const size: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
  let total = 0;
  let at = 0;
  for (let match = re.exec(text); match; match = re.exec(text)) {
    total += Number(match[1]) * size[match[2]!]!;
    at = re.lastIndex;
  }
  return at === text.length && total > 0 ? total : undefined;
}
