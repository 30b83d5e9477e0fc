import { ALL_CHECKS } from '../checks/registry.ts';
import type { Report } from '../core/report.ts';
import { REPORTERS } from '../reporters/index.ts';
import type { RuleInfo } from '../reporters/reporter.ts';
import { UsageError } from './errors.ts';

export const OUTPUT_FORMATS = Object.keys(REPORTERS);

/** Colour only for a terminal, never when NO_COLOR is set (https://no-color.org) or --no-color is given. */
export function useColor(stream: NodeJS.WriteStream, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** Check metadata for reporters that describe rules (SARIF, Markdown). */
export function ruleInfo(): RuleInfo[] {
  return ALL_CHECKS.map((c) => ({
    id: c.id,
    title: c.title,
    description: c.description,
    remediation: c.remediation,
    severity: c.severity,
    category: c.category,
    ...(c.docs ? { docs: c.docs } : {}),
  }));
}

export function render(
  report: Report,
  format: string,
  options: { color: boolean; showSuppressed?: boolean },
): string {
  const reporter = REPORTERS[format];
  if (!reporter) {
    throw new UsageError(`unknown output format "${format}"; use one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  return reporter(report, { ...options, rules: ruleInfo() });
}

/** Messages for humans go to stderr so stdout stays machine-readable. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
