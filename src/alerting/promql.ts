// Just enough PromQL reading for the rule linter: a tokenizer (strings, comments, label matchers and ranges kept
// whole) and the few shapes the checks ask about. Not an evaluator and not a full parser: what it cannot read it
// leaves alone, so a check never fires on a guess. https://prometheus.io/docs/prometheus/latest/querying/basics/
import { parseDuration } from './duration.ts';

export type TokenType = 'ident' | 'string' | 'number' | 'punct' | 'range' | 'matchers' | 'op';

export interface Token {
  type: TokenType;
  text: string;
  /** Offset in the expression. */
  at: number;
}

/** Longest expression read; rule expressions are short, a megabyte one is hostile. */
const MAX_EXPR = 64 * 1024;
const IDENT = /[A-Za-z_:][A-Za-z0-9_:.]*/y;

/** Tokens of an expression, or undefined when it is unbalanced (an unclosed string, bracket or brace). */
export function tokenize(expr: string): Token[] | undefined {
  if (expr.length > MAX_EXPR) return undefined;
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      const end = expr.indexOf('\n', i);
      i = end === -1 ? expr.length : end + 1;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const end = stringEnd(expr, i);
      if (end === undefined) return undefined;
      tokens.push({ type: 'string', text: expr.slice(i, end), at: i });
      i = end;
      continue;
    }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const end = groupEnd(expr, i, close);
      if (end === undefined) return undefined;
      tokens.push({ type: c === '{' ? 'matchers' : 'range', text: expr.slice(i + 1, end - 1), at: i });
      i = end;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: 'punct', text: c, at: i });
      i++;
      continue;
    }
    if ((c >= '0' && c <= '9') || c === '.') {
      // Digits, dots, hex and exponents, scanned by hand (a regex over them is super-linear). A duration outside
      // brackets (offset 5m, @ modifiers) reads as a number followed by its unit.
      let end = i + 1;
      while (end < expr.length && /[0-9a-fA-FxX.]/.test(expr[end]!)) end++;
      if ((expr[end] === '+' || expr[end] === '-') && /[eE]/.test(expr[end - 1]!)) {
        end++;
        while (end < expr.length && expr[end]! >= '0' && expr[end]! <= '9') end++;
      }
      tokens.push({ type: 'number', text: expr.slice(i, end), at: i });
      i = end;
      continue;
    }
    IDENT.lastIndex = i;
    const ident = IDENT.exec(expr);
    if (ident) {
      tokens.push({ type: 'ident', text: ident[0], at: i });
      i += ident[0].length;
      continue;
    }
    tokens.push({ type: 'op', text: c, at: i });
    i++;
  }
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(' && t.type === 'punct') depth++;
    if (t.text === ')' && t.type === 'punct') depth--;
    if (depth < 0) return undefined;
  }
  return depth === 0 ? tokens : undefined;
}

function stringEnd(text: string, start: number): number | undefined {
  const quote = text[start]!;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && quote !== '`') {
      i++;
      continue;
    }
    if (c === quote) return i + 1;
    if (c === '\n' && quote !== '`') return undefined;
  }
  return undefined;
}

/** End (exclusive) of a {…} or […] group, skipping quoted strings inside it. */
function groupEnd(text: string, start: number, close: string): number | undefined {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      const end = stringEnd(text, i);
      if (end === undefined) return undefined;
      i = end - 1;
      continue;
    }
    if (c === close) return i + 1;
    if (c === '{' || c === '[' || c === '}' || c === ']') return undefined;
  }
  return undefined;
}

export interface RangeUse {
  /** The innermost function whose argument holds the range ("rate"), or undefined. */
  fn?: string;
  /** The range in seconds (of a subquery: its range, not its step). */
  seconds: number;
  text: string;
  subquery: boolean;
}

/** Every range selector and subquery, with the function that consumes it. */
export function rangeUses(tokens: readonly Token[]): RangeUse[] {
  const uses: RangeUse[] = [];
  const stack: (string | undefined)[] = [];
  tokens.forEach((token, i) => {
    if (token.type === 'punct' && token.text === '(') {
      const before = tokens[i - 1];
      stack.push(before?.type === 'ident' ? before.text : undefined);
    } else if (token.type === 'punct' && token.text === ')') {
      stack.pop();
    } else if (token.type === 'range') {
      const [range, step] = token.text.split(':');
      const seconds = parseDuration((range ?? '').trim());
      if (seconds === undefined) return;
      const fn = [...stack].reverse().find((name) => name !== undefined && !AGGREGATION_CLAUSES.has(name));
      uses.push({
        ...(fn ? { fn } : {}),
        seconds,
        text: `[${token.text}]`,
        subquery: step !== undefined,
      });
    }
  });
  return uses;
}

const AGGREGATION_CLAUSES = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** Label matchers of a {…} group: `job="x", env!~"dev.*"`. Undefined when they cannot be read. */
export function parseMatchers(text: string): Matcher[] | undefined {
  const matchers: Matcher[] = [];
  const re =
    /\s*([A-Za-z_][A-Za-z0-9_]*|"[^"]*")\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)\s*(,|$)/y;
  let i = 0;
  while (i < text.length) {
    if (/^\s*$/.test(text.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return undefined;
    matchers.push({
      label: m[1]!.replace(/^"|"$/g, ''),
      op: m[2] as Matcher['op'],
      value: m[3]!.slice(1, -1),
    });
    i = re.lastIndex;
  }
  return matchers;
}

export interface AbsentCall {
  fn: 'absent' | 'absent_over_time';
  /** Labels the result carries: the equality matchers of a plain selector; none for any other argument. */
  labels: Set<string>;
  /** The argument is a plain selector (metric{…}); else its labels are lost entirely. */
  plainSelector: boolean;
}

/** absent()/absent_over_time() calls and the labels their one-series result will have. */
export function absentCalls(tokens: readonly Token[]): AbsentCall[] {
  const calls: AbsentCall[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'ident' || (token.text !== 'absent' && token.text !== 'absent_over_time')) return;
    if (tokens[i + 1]?.text !== '(') return;
    const end = closingParen(tokens, i + 1);
    if (end === undefined) return;
    const inner = tokens.slice(i + 2, end);
    // A plain selector is `metric`, `metric{…}` or `{…}`, with a range for absent_over_time.
    let k = 0;
    let matcherText: string | undefined;
    if (inner[k]?.type === 'ident') {
      k++;
      matcherText = '';
    }
    if (inner[k]?.type === 'matchers') matcherText = inner[k++]!.text;
    if (inner[k]?.type === 'range') k++;
    const labels = new Set<string>();
    let plain = false;
    if (matcherText !== undefined && k === inner.length) {
      const parsed = parseMatchers(matcherText);
      if (parsed) {
        plain = true;
        for (const m of parsed) if (m.op === '=' && m.label !== '__name__') labels.add(m.label);
      }
    }
    calls.push({ fn: token.text, labels, plainSelector: plain });
  });
  return calls;
}

function closingParen(tokens: readonly Token[], open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return i;
  }
  return undefined;
}

/** Labels named in `by (…)` clauses of aggregations. */
export function byLabels(tokens: readonly Token[]): string[] {
  const labels: string[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'ident' || token.text !== 'by' || tokens[i + 1]?.text !== '(') return;
    const end = closingParen(tokens, i + 1);
    if (end === undefined) return;
    for (const t of tokens.slice(i + 2, end)) if (t.type === 'ident') labels.push(t.text);
  });
  return labels;
}
