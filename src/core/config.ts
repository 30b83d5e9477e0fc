import type { Severity } from './severity.ts';

/** Per-check settings from .shipshape.yaml. */
export interface CheckSettings {
  enabled?: boolean;
  severity?: Severity;
  params?: Record<string, unknown>;
}

/** The validated contents of .shipshape.yaml (see docs/configuration.md). */
export interface Config {
  checks: Record<string, CheckSettings>;
  /** Only these checks run (plus those enabled explicitly); empty = the defaults. */
  include: string[];
  exclude: string[];
  /** Glob patterns of input paths to skip. */
  excludePaths: string[];
  failOn?: Severity | 'none';
  /** Where the config came from, for messages. */
  file?: string;
}

export function emptyConfig(): Config {
  return { checks: {}, include: [], exclude: [], excludePaths: [] };
}

export const IGNORE_ANNOTATION = 'shipshape.dev/ignore';
export const IGNORE_REASON_ANNOTATION = 'shipshape.dev/ignore-reason';
