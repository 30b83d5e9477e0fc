// Reads the Go text/template syntax of alert annotations and labels the way Prometheus will when the rule is loaded
// (promtool check rules expands them with test data): unclosed actions, unbalanced if/range/with/end, undefined
// variables and functions. Returns what is wrong, in Go's own words where it has them.
// https://pkg.go.dev/text/template, https://prometheus.io/docs/prometheus/latest/configuration/template_reference/

/** Variables Prometheus defines for alert templates ($ is the data itself). */
const PROMETHEUS_VARIABLES = ['$', '$labels', '$externalLabels', '$externalURL', '$value'];

/** Go's built-in template functions and Prometheus's own (template_reference.md). */
export const TEMPLATE_FUNCTIONS = new Set([
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'query',
  'first',
  'label',
  'value',
  'strvalue',
  'sortByLabel',
  'humanize',
  'humanize1024',
  'humanizeDuration',
  'humanizePercentage',
  'humanizeTimestamp',
  'toTime',
  'toDuration',
  'now',
  'pathPrefix',
  'externalURL',
  'parseDuration',
  'args',
  'tmpl',
  'safeHtml',
  'match',
  'reReplaceAll',
  'title',
  'toUpper',
  'toLower',
  'stripPort',
  'stripDomain',
  'graphLink',
  'tableLink',
]);
const KEYWORDS = new Set([
  'if',
  'else',
  'end',
  'range',
  'with',
  'define',
  'template',
  'block',
  'break',
  'continue',
  'nil',
  'true',
  'false',
]);
const OPENERS = new Set(['if', 'range', 'with', 'define', 'block']);
/** Annotation texts are short; past this the reading stops instead of spending time on hostile input. */
const MAX_TEMPLATE = 64 * 1024;

export interface TemplateReading {
  errors: string[];
  /** `$labels.<name>` and `.Labels.<name>` references. */
  labelRefs: string[];
  /** The template reads $value (or .Value). */
  usesValue: boolean;
}

export function readTemplate(text: string, extraFunctions: readonly string[] = []): TemplateReading {
  const reading: TemplateReading = { errors: [], labelRefs: [], usesValue: false };
  if (text.length > MAX_TEMPLATE) return reading;
  const functions = (name: string) => TEMPLATE_FUNCTIONS.has(name) || extraFunctions.includes(name);
  const blocks: string[] = [];
  const scopes: Set<string>[] = [new Set(PROMETHEUS_VARIABLES)];
  const fail = (message: string) => {
    if (reading.errors.length < 5) reading.errors.push(message);
  };
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open === -1) break;
    const close = actionEnd(text, open + 2);
    if (close === undefined) {
      fail(`unclosed action started at "${excerpt(text, open)}"`);
      return reading;
    }
    i = close + 2;
    let body = text.slice(open + 2, close);
    if (body.startsWith('- ')) body = body.slice(2);
    else if (body.startsWith('-') && /^-[\t\n\r ]/.test(body)) body = body.slice(1);
    if (body.endsWith(' -')) body = body.slice(0, -2);
    body = body.trim();
    if (body.startsWith('/*')) {
      if (!body.endsWith('*/')) fail('unclosed comment');
      continue;
    }
    const words = actionWords(body);
    if (words === undefined) {
      fail(`unterminated quoted string in "{{${body}}}"`);
      continue;
    }
    if (words.length === 0) {
      fail('missing value for command');
      continue;
    }
    const first = words[0]!;
    if (first === 'end') {
      if (blocks.length === 0) fail('unexpected {{end}}');
      else {
        blocks.pop();
        scopes.pop();
      }
      continue;
    }
    if (first === 'else') {
      const inside = blocks[blocks.length - 1];
      if (inside !== 'if' && inside !== 'with' && inside !== 'range') fail('unexpected {{else}}');
      // `else` starts a new branch: variables of the previous branch are gone.
      scopes[scopes.length - 1] = new Set();
    }
    if (OPENERS.has(first)) {
      blocks.push(first);
      scopes.push(new Set());
    }
    checkWords(words, scopes, functions, fail, reading);
  }
  if (blocks.length > 0) fail(`unexpected EOF: {{${blocks[blocks.length - 1]}}} has no {{end}}`);
  return reading;
}

function checkWords(
  words: readonly string[],
  scopes: Set<string>[],
  functions: (name: string) => boolean,
  fail: (message: string) => void,
  reading: TemplateReading,
): void {
  const declaring = words.indexOf(':=') >= 0 ? words.indexOf(':=') : -1;
  words.forEach((word, index) => {
    if (word.startsWith('$')) {
      const name = word.split('.')[0]!;
      if (index < declaring) {
        scopes[scopes.length - 1]!.add(name);
        return;
      }
      if (!scopes.some((scope) => scope.has(name))) fail(`undefined variable "${name}"`);
      if (name === '$labels' && word.length > '$labels.'.length) reading.labelRefs.push(word.slice(8));
      if (name === '$value') reading.usesValue = true;
      return;
    }
    if (word.startsWith('.')) {
      if (word.startsWith('.Labels.')) reading.labelRefs.push(word.slice(8).split('.')[0]!);
      if (word === '.Value') reading.usesValue = true;
      return;
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(word) && !KEYWORDS.has(word) && !functions(word)) {
      fail(`function "${word}" not defined`);
    }
  });
}

/** Offset of the `}}` that ends an action, skipping quoted strings (a "}}" inside quotes is text). */
function actionEnd(text: string, from: number): number | undefined {
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === '`' || c === "'") {
      const end = quotedEnd(text, i);
      if (end === undefined) return text.indexOf('}}', i) === -1 ? undefined : text.indexOf('}}', i);
      i = end - 1;
      continue;
    }
    if (c === '}' && text[i + 1] === '}') return i;
  }
  return undefined;
}

function quotedEnd(text: string, start: number): number | undefined {
  const quote = text[start]!;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && quote !== '`') {
      i++;
      continue;
    }
    if (c === quote) return i + 1;
  }
  return undefined;
}

/** Words of an action: variables and fields with their chains, identifiers, `:=`, `|`, parens; strings dropped. */
function actionWords(body: string): string[] | undefined {
  const words: string[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === '`' || c === "'") {
      const end = quotedEnd(body, i);
      if (end === undefined) return undefined;
      i = end;
      continue;
    }
    if (c === ':' && body[i + 1] === '=') {
      words.push(':=');
      i += 2;
      continue;
    }
    const word = /^(\$[A-Za-z0-9_]*|\.?[A-Za-z_][A-Za-z0-9_]*|\.)((?:\.[A-Za-z0-9_]+)*)/.exec(body.slice(i));
    if (word?.[0]) {
      words.push(word[0]);
      i += word[0].length;
      continue;
    }
    words.push(c);
    i++;
  }
  return words;
}

function excerpt(text: string, at: number): string {
  const piece = text.slice(at, at + 30).replace(/\s+/g, ' ');
  return at + 30 < text.length ? `${piece}…` : piece;
}
