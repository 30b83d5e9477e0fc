import { jsonReporter } from './json.ts';
import type { Reporter } from './reporter.ts';
import { textReporter } from './text.ts';

/** Output formats by -o name. Each reporter only formats a Report. */
export const REPORTERS: Record<string, Reporter> = {
  text: textReporter,
  json: jsonReporter,
};
