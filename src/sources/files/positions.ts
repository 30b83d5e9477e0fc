// Where each key and item of a document was written, kept compact (decision 0046): one Int32Array per document
// instead of three arrays per mapping and sequence, key names as ids into one table shared by every file.
import type { SourcePosition } from '../../core/object.ts';
import type { Path } from '../../core/path.ts';

/**
 * A document's mappings and sequences, each written after its children: a header (entries × 2, plus 1 for a
 * mapping), then per entry the key's id (mappings only), the offset of the key or item (-1 when unknown) and the
 * index of the nested mapping or sequence (-1 for a scalar or an alias).
 */
export interface Positions {
  readonly data: Int32Array;
  /** Index of the document's root node in data. */
  readonly root: number;
  /** Keys the shared table had no room for, referenced as -1 - i. */
  readonly extraKeys: readonly string[] | undefined;
}

const NONE = -1;
/** Key names repeat across objects (name, image, containers…): one table for the process, capped. */
const MAX_KEYS = 50_000;
const keyIds = new Map<string, number>();
const keyNames: string[] = [];

/**
 * Builds one document's Positions from a walk in document order: open a mapping or sequence, add its keys or
 * items, open a nested one right after the key or item it belongs to, close it. Reusable: `finish` resets it.
 */
export class PositionsBuilder {
  /** Nodes closed so far, children first. */
  private readonly out: number[] = [];
  /** Entries of the nodes still open, innermost last. */
  private readonly open: number[] = [];
  /** Per open node: where its entries start in `open`, times 2, plus 1 for a mapping. */
  private readonly frames: number[] = [];
  private extraKeys: string[] | undefined;
  private root = NONE;

  openMap(): void {
    this.frames.push(this.open.length * 2 + 1);
  }

  openSeq(): void {
    this.frames.push(this.open.length * 2);
  }

  /** A key of the innermost open mapping. */
  key(name: string, offset: number): void {
    this.open.push(this.keyId(name), offset, NONE);
  }

  /** An item of the innermost open sequence. */
  item(offset: number): void {
    this.open.push(offset, NONE);
  }

  /** Ends the innermost node; it belongs to the last key or item of the node around it, if any. */
  close(): void {
    const frame = this.frames.pop()!;
    const start = frame >> 1;
    const isMap = frame & 1;
    const { out, open } = this;
    const at = out.length;
    out.push(((open.length - start) / (isMap ? 3 : 2)) * 2 + isMap);
    for (let i = start; i < open.length; i++) out.push(open[i]!);
    open.length = start;
    if (this.frames.length === 0) this.root = at;
    else open[open.length - 1] = at; // the child slot of the parent's last entry
  }

  /** The document's positions (undefined when its root is a scalar); the builder starts over. */
  finish(): Positions | undefined {
    const { out, root, extraKeys } = this;
    const positions = root === NONE ? undefined : { data: store(out), root, extraKeys };
    out.length = 0;
    this.open.length = 0;
    this.frames.length = 0;
    this.extraKeys = undefined;
    this.root = NONE;
    return positions;
  }

  private keyId(name: string): number {
    const id = keyIds.get(name);
    if (id !== undefined) return id;
    if (keyNames.length < MAX_KEYS) {
      keyIds.set(name, keyNames.length);
      keyNames.push(name);
      return keyNames.length - 1;
    }
    this.extraKeys ??= [];
    this.extraKeys.push(name);
    return -this.extraKeys.length;
  }
}

// Documents' arrays are cut from shared blocks: one allocation per block instead of one per document (a typed
// array's own buffer costs more to make and to collect than its few hundred bytes).
const BLOCK = 1 << 16;
let block = new Int32Array(BLOCK);
let blockUsed = 0;

function store(values: readonly number[]): Int32Array {
  if (blockUsed + values.length > block.length) {
    block = new Int32Array(Math.max(BLOCK, values.length));
    blockUsed = 0;
  }
  const data = block.subarray(blockUsed, blockUsed + values.length);
  data.set(values);
  blockUsed += values.length;
  return data;
}

/**
 * Finds the node for a path, falling back to the closest ancestor that exists, then to the root, then to
 * `fallback` (the text's start when not given). Points at keys for map values.
 */
export function locateIn(
  positions: Positions | undefined,
  rootAt: number | undefined,
  path: Path,
  position: (offset: number) => SourcePosition,
  fallback?: SourcePosition,
): SourcePosition {
  let best = rootAt;
  let node = positions ? positions.root : NONE;
  for (const segment of path) {
    if (node === NONE) break;
    const data = positions!.data;
    const header = data[node]!;
    const entries = header >> 1;
    let entry: number;
    if (header & 1) {
      // The first pair with that key, as the object model reads it (duplicates are rejected earlier).
      entry = findKey(positions!, node, entries, String(segment));
    } else if (typeof segment === 'number') {
      entry = segment < entries ? node + 1 + segment * 2 : NONE;
    } else {
      break;
    }
    if (entry === NONE) break;
    const offset = data[entry]!;
    if (offset >= 0) best = offset;
    node = data[entry + 1]!;
  }
  return best !== undefined ? position(best) : (fallback ?? position(0));
}

/** Index of the offset slot of the mapping entry named `key`, or NONE. */
function findKey(positions: Positions, node: number, entries: number, key: string): number {
  const { data, extraKeys } = positions;
  const id = keyIds.get(key);
  for (let i = 0, slot = node + 1; i < entries; i++, slot += 3) {
    const ref = data[slot]!;
    if (ref === id || (ref < 0 && extraKeys?.[-1 - ref] === key)) return slot + 1;
  }
  return NONE;
}

/** Turns offsets into 1-based line/column with a line table built once per text. */
export function positionFinder(text: string): (offset: number) => SourcePosition {
  // Our own line table: the yaml package's LineCounter skips newlines it recovers over after a syntax error.
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  const starts = new Int32Array(lines);
  for (let i = text.indexOf('\n'), line = 1; i !== -1; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}
