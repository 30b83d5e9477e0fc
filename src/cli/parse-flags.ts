// Flag values several commands share, parsed without loading any command.
import type { FailOn } from '../core/report.ts';
import { isSeverity } from '../core/severity.ts';
import { UsageError } from './errors.ts';

export function parseFailOn(value: string): FailOn {
  if (value === 'none' || isSeverity(value)) return value;
  throw new UsageError(`--fail-on must be one of critical, high, medium, low, info, none (got "${value}")`);
}

/** A size flag in MiB, as bytes. */
export function parseMiB(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive number of MiB (got "${value}")`);
  return n * 1024 * 1024;
}

export function parseKubeVersion(value: string): string {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(value.trim());
  if (!match) throw new UsageError(`--kube-version must look like 1.34 (got "${value}")`);
  return `${match[1]}.${match[2]}`;
}
