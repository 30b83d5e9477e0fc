// Prometheus durations ("1h30m", "5m", "90s", "1d", "250ms"): units and order as the Prometheus model parses them.
// https://prometheus.io/docs/prometheus/latest/querying/basics/#float-literals-and-time-durations
const UNIT_SECONDS: Record<string, number> = {
  y: 365 * 86400,
  w: 7 * 86400,
  d: 86400,
  h: 3600,
  m: 60,
  s: 1,
  ms: 0.001,
};
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

/** Seconds of a duration, or undefined when Prometheus would reject it ("5 m", "1.5h", "m"). */
export function parseDuration(text: string): number | undefined {
  if (text === '' || text.length > 64) return undefined;
  if (text === '0') return 0;
  const match = DURATION.exec(text);
  if (!match) return undefined;
  let seconds = 0;
  ORDER.forEach((unit, i) => {
    const value = match[i + 1];
    if (value !== undefined) seconds += Number(value) * UNIT_SECONDS[unit]!;
  });
  return seconds;
}

/** "4m", "1h30m", "45s": the shortest readable form, for messages. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  let rest = Math.round(seconds * 1000);
  let out = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms']) {
    const size = UNIT_SECONDS[unit]! * 1000;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
