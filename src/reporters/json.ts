import { jsonChunks } from './json-chunks.ts';
import { type ChunkedReporter, joined, type Reporter } from './reporter.ts';

/** The report as JSON (docs/json-output.md), written finding by finding. */
export const jsonReporterChunks: ChunkedReporter = function* (report) {
  // The report's own members are written one by one, and each of its lists item by item.
  yield* jsonChunks(report, 2);
  yield '\n';
};

export const jsonReporter: Reporter = joined(jsonReporterChunks);
