import type { Reporter } from './reporter.ts';

export const jsonReporter: Reporter = (report) => `${JSON.stringify(report, null, 2)}\n`;
