// JSON.stringify(value, null, 2), written in pieces (decision 0047): the outer levels of the value are walked
// here and every container below `depth` is stringified whole, so a report with 650,000 findings is never one
// string. The bytes are those of JSON.stringify.

/** In place of an array: its items, made one at a time while the JSON is written (e.g. findings → SARIF results). */
export class Items<T = unknown> {
  readonly source: readonly T[];
  readonly map: (item: T) => unknown;

  constructor(source: readonly T[], map: (item: T) => unknown) {
    this.source = source;
    this.map = map;
  }
}

/**
 * Pieces of the JSON text of `value` (no trailing newline). Containers nested less than `depth` levels deep are
 * written member by member; `Items` are mapped and written one item at a time wherever they are.
 */
export function* jsonChunks(value: unknown, depth: number, indent = ''): Generator<string> {
  if (value instanceof Items) {
    yield* arrayChunks(value.source.length, (i) => value.map(value.source[i]), depth, indent);
    return;
  }
  if (depth <= 0 || value === null || typeof value !== 'object' || hasToJSON(value)) {
    yield stringify(value, indent);
    return;
  }
  if (Array.isArray(value)) {
    yield* arrayChunks(value.length, (i) => value[i], depth, indent);
    return;
  }
  const inner = `${indent}  `;
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (!isWritten(member)) continue; // as JSON.stringify leaves out undefined, functions and symbols
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* jsonChunks(member, depth - 1, inner);
    first = false;
  }
  yield first ? '{}' : `\n${indent}}`;
}

function* arrayChunks(
  length: number,
  at: (i: number) => unknown,
  depth: number,
  indent: string,
): Generator<string> {
  if (length === 0) {
    yield '[]';
    return;
  }
  const inner = `${indent}  `;
  for (let i = 0; i < length; i++) {
    const item = at(i);
    yield `${i === 0 ? '[' : ','}\n${inner}`;
    // In an array, what JSON.stringify leaves out of an object is written as null.
    if (isWritten(item)) yield* jsonChunks(item, depth - 1, inner);
    else yield 'null';
  }
  yield `\n${indent}]`;
}

/** JSON.stringify at this indentation: its own lines indented, strings hold no raw newline to trip over. */
function stringify(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2);
  return indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
}

function isWritten(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function hasToJSON(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** Joins pieces into strings of about `size` characters: one write per batch, not per piece. */
export function* batched(chunks: Iterable<string>, size = 1 << 16): Generator<string> {
  let buffer = '';
  for (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}
