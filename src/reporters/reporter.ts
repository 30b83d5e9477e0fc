import type { Report } from '../core/report.ts';

export interface ReporterOptions {
  color: boolean;
  /** Show suppressed findings in human-oriented formats. */
  showSuppressed?: boolean;
}

export type Reporter = (report: Report, options: ReporterOptions) => string;
