// What reaches a terminal, a Markdown comment, a JUnit report or a CI log from object names, file names and messages
// is data, never markup or control (docs/decisions/0033-hostile-input.md):
// - control and invisible characters — C0 but tab and line breaks, DEL, C1, bidirectional marks, overrides and
//   isolates ("Trojan Source"), zero-width characters, a lone carriage return — are shown as visible escapes
//   (`\x1b`, `\u202e`), so an escape sequence is printed, not run, and the text reads in the order it is stored;
// - no output line can be read by GitHub Actions as a workflow command: `::name …::` at a line's start (after
//   blanks, as the runner trims them) or the legacy `##[name]` get a backslash before them.
// Newlines are each format's own business: text shows ⏎, Markdown <br>, JUnit keeps them, the github format
// escapes them as the runner does. JSON and SARIF carry the data as it is: JSON.stringify escapes every control
// character, and no JSON line can start with "::".

import { guardLines, guardLinesOf, showInvisible } from '../core/printable.ts';
import type { Report } from '../core/report.ts';

export { guardLines, guardLinesOf, showInvisible };

const NEEDS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a quick test for the characters showInvisible shows
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]/;

/** Every string of the report through showInvisible; objects and arrays are copied only where a string changed. */
export function showInvisibleIn<T>(value: T): T {
  if (typeof value === 'string') return (NEEDS.test(value) ? showInvisible(value) : value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = showInvisibleIn(item);
      if (next !== item) {
        copy ??= [...value];
        copy[i] = next;
      }
    });
    return (copy ?? value) as T;
  }
  if (value === null || typeof value !== 'object') return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = showInvisibleIn(item);
    if (next !== item) {
      copy ??= { ...(value as Record<string, unknown>) };
      copy[key] = next;
    }
  }
  return (copy ?? value) as T;
}

/** The report as the text-like formats (text, markdown, junit, github) print it. */
export function printableReport(report: Report): Report {
  return showInvisibleIn(report);
}
