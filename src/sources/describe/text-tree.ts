// The layout of `kubectl describe` output as a tree: "Key:  value" lines nest by indentation, lines without a
// key continue the value above them (multi-line Labels, Tolerations, Args), and the tables (Conditions, Events,
// Non-terminated Pods, Allocated resources) keep their rows verbatim.
// Printer: https://github.com/kubernetes/kubectl/blob/master/pkg/describe/describe.go (read for its layout only).

export interface TextNode {
  key: string;
  value: string;
  indent: number;
  children: TextNode[];
  /** Lines under this key that are not "Key: value" lines (continuations, table rows), trimmed. */
  rows: string[];
}

/** A key is words separated by single spaces (table rows are separated by two or more). */
// [\s\S]* (not .*) for the value: "." stops at \r or U+2028, and \s+ backtracking over a long run of blanks before
// one of them was quadratic.
const KEY_LINE = /^([A-Za-z#][\w.\-/()#]*(?: [\w.\-/()#]+)*):(?:\s+([\s\S]*))?$/;
const TABLES = new Set(['Conditions', 'Events', 'Non-terminated Pods', 'Allocated resources']);

export function parseTree(lines: readonly string[]): TextNode {
  const root: TextNode = { key: '', value: '', indent: -1, children: [], rows: [] };
  const stack: TextNode[] = [root];
  let table: TextNode | undefined;
  for (const raw of lines) {
    const line = raw.replace(/\t/g, '        ').trimEnd();
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    const content = line.trim();
    if (table) {
      if (indent > table.indent) {
        table.rows.push(content);
        continue;
      }
      table = undefined;
    }
    while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1]!;
    const match = KEY_LINE.exec(content);
    if (!match) {
      parent.rows.push(content);
      continue;
    }
    const node: TextNode = {
      key: match[1]!,
      value: (match[2] ?? '').trim(),
      indent,
      children: [],
      rows: [],
    };
    parent.children.push(node);
    stack.push(node);
    if (indent === 0 && TABLES.has(node.key)) table = node;
  }
  return root;
}

export function child(node: TextNode | undefined, key: string): TextNode | undefined {
  return node?.children.find((c) => c.key === key);
}

export function value(node: TextNode | undefined, key: string): string | undefined {
  const found = child(node, key);
  if (!found) return undefined;
  const v = found.value;
  return v === '' || v === '<none>' || v === '<unset>' ? undefined : v;
}

/** The value and its continuation lines: Labels, Node-Selectors, Taints, Tolerations, Command, Args. */
export function values(node: TextNode | undefined): string[] {
  if (!node) return [];
  return [node.value, ...node.rows].filter((v) => v !== '' && v !== '<none>');
}

/** "a=b" lists (Labels, Node-Selectors, Selector with commas). */
export function keyValues(node: TextNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of values(node)) {
    for (const part of line.split(',')) {
      const eq = part.indexOf('=');
      if (eq <= 0) continue;
      out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
  }
  return out;
}

/** "key: value" maps (Annotations, Limits, Requests, Capacity). */
export function colonValues(node: TextNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!node) return out;
  const first = /^([^:\s]+):\s*([\s\S]*)$/.exec(node.value);
  if (first && node.value !== '<none>') out[first[1]!] = first[2]!;
  for (const c of node.children) out[c.key] = c.value;
  for (const row of node.rows) {
    const m = /^([^:\s]+):\s*([\s\S]*)$/.exec(row);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** Table rows split on runs of two or more spaces, the header and the ---- line dropped. */
export function tableRows(node: TextNode | undefined): string[][] {
  if (!node) return [];
  const rows = node.rows.filter((r) => !/^-+(\s+-+)*$/.test(r));
  return rows.slice(1).map((r) => r.split(/\s{2,}/));
}

/** kubectl's short durations: 45s, 6m35s, 3h2m, 28d, 2y. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (!/^(\d+y)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?$/.test(t) || t === '') return undefined;
  const unit: Record<string, number> = { y: 365 * 86_400, d: 86_400, h: 3600, m: 60, s: 1 };
  let seconds = 0;
  for (const [, n, u] of t.matchAll(/(?<!\d)(\d+)([ydhms])/g)) seconds += Number(n) * unit[u!]!;
  return seconds * 1000;
}

/** Absolute times as describe prints them ("Tue, 26 Nov 2024 12:38:55 +0100", RFC 3339). */
export function parseTime(text: string | undefined): Date | undefined {
  if (!text || text === '<none>' || text === '<unknown>') return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
