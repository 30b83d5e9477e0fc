import type { Report } from '../core/report.ts';
import { REPORTERS } from '../reporters/index.ts';
import { UsageError } from './errors.ts';

export function useColor(stream: NodeJS.WriteStream, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR) return true;
  return Boolean(stream.isTTY);
}

export function render(
  report: Report,
  format: string,
  options: { color: boolean; showSuppressed?: boolean },
): string {
  const reporter = REPORTERS[format];
  if (!reporter) {
    throw new UsageError(
      `unknown output format "${format}"; use one of ${Object.keys(REPORTERS).join(', ')}`,
    );
  }
  return reporter(report, options);
}

/** Messages for humans go to stderr so stdout stays machine-readable. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
