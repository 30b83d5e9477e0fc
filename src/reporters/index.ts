import { githubReporter } from './github.ts';
import { htmlReporter } from './html.ts';
import { jsonReporter, jsonReporterChunks } from './json.ts';
import { junitReporter, junitReporterChunks } from './junit.ts';
import { markdownReporter } from './markdown.ts';
import type { ChunkedReporter, Reporter } from './reporter.ts';
import { sarifReporter, sarifReporterChunks } from './sarif.ts';
import { textReporter, textReporterChunks } from './text.ts';

/** Output formats by -o name. Each reporter only formats a Report. */
export const REPORTERS: Record<string, Reporter> = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  junit: junitReporter,
  github: githubReporter,
  markdown: markdownReporter,
  html: htmlReporter,
};

/** The formats that also write piece by piece, for reports too big to hold as one string (decision 0047). */
export const CHUNKED_REPORTERS: Record<string, ChunkedReporter> = {
  text: textReporterChunks,
  json: jsonReporterChunks,
  sarif: sarifReporterChunks,
  junit: junitReporterChunks,
};
