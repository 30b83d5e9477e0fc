// Patterns written by users (CRD schema `pattern`s, `key=<regex>` parameters in .shipshape.yaml) run through RE2, a
// linear-time engine: a backtracking JavaScript RegExp on a pattern like (a+)+$ hangs on a 30-character value, and the
// value comes from a manifest, possibly in a pull request from a stranger. RE2 is also what the API server uses for
// CRD patterns (Go's regexp), so the syntax accepted is the same. docs/decisions/0033-hostile-input.md
import { requireOwn } from './require-own.ts';

interface Re2 {
  test(input: string): boolean;
}
type Re2Module = typeof import('./re2.ts');

let re2: Re2Module | undefined;
/** Loaded on the first pattern: most runs have none, and start-up stays cheap. */
function engine(): Re2Module {
  re2 ??= requireOwn<Re2Module>(import.meta.url, './re2.ts');
  return re2;
}

export interface LinearRegExp {
  test(input: string): boolean;
  readonly source: string;
}

/** Compiles an RE2 pattern; throws on a pattern RE2 does not accept. */
export function linearRegExp(source: string): LinearRegExp {
  const compiled: Re2 = engine().RE2JS.compile(source);
  return { source, test: (input) => compiled.test(input), toString: () => `/${source}/` } as LinearRegExp;
}

/** True when RE2 accepts the pattern. */
export function isLinearPattern(source: string): boolean {
  try {
    linearRegExp(source);
    return true;
  } catch {
    return false;
  }
}
