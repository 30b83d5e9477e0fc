// Text that came from a user's files or a cluster, made safe to print: control and invisible characters shown as
// visible escapes, and no line that GitHub Actions would run as a workflow command. The rules and their reasons:
// src/reporters/escape.ts and docs/decisions/0033-hostile-input.md. Kept in core so the CLI's error line can use it
// without loading a reporter.

const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this shows
  /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

function escaped(char: string): string {
  const code = char.codePointAt(0)!;
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Control and invisible characters as visible escapes; tabs and line breaks kept. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, escaped).replace(/[\u2028\u2029]/g, '\n');
}

/**
 * Text from a request or a peer, made one bounded log line: invisible characters and line breaks as visible
 * escapes (a forged second line in a log is the classic log injection), at most `max` characters kept.
 */
export function logLine(text: string, max = 500): string {
  const flat = showInvisible(text).replace(/[\r\n\t]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
  );
  if (flat.length <= max) return flat;
  // Never cut a surrogate pair in half.
  const cut = /[\ud800-\udbff]/.test(flat[max - 1] ?? '') ? max - 1 : max;
  return `${flat.slice(0, cut)}… (${flat.length - cut} more characters)`;
}

/** Lines GitHub Actions would run as workflow commands, made plain text. */
export function guardLines(output: string): string {
  return output.replace(/^([ \t]*)(::|##\[)/gm, '$1\\$2');
}

/**
 * guardLines over text written in pieces: each piece is cut after its last line break and the rest carried into
 * the next, so a line's start is judged on the whole line, never on where a piece happens to begin.
 */
export function* guardLinesOf(pieces: Iterable<string>): Generator<string> {
  let carry = '';
  for (const piece of pieces) {
    const text = carry + piece;
    const cut = text.lastIndexOf('\n') + 1;
    carry = text.slice(cut);
    if (cut > 0) yield guardLines(text.slice(0, cut));
  }
  if (carry !== '') yield guardLines(carry);
}
