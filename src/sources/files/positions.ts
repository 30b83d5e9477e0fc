// A compact tree of where each key and item of a document was written, and the lookups over it.
import type { SourcePosition } from '../../core/object.ts';
import type { Path } from '../../core/path.ts';

/** Offsets of keys (for map values) and items (for sequence items), with the same nesting as the document. */
export interface Positions {
  /** Keys of a mapping; absent for a sequence. */
  keys?: string[];
  /** Offset of each key, or of each sequence item. */
  offsets: number[];
  /** Nested mappings and sequences (undefined for scalars and aliases); absent when all are scalars. */
  children: (Positions | undefined)[] | undefined;
}

/** Key names repeat across objects (name, image, containers…): share one string each. */
const internedKeys = new Map<string, string>();
export function intern(key: string): string {
  const known = internedKeys.get(key);
  if (known !== undefined) return known;
  if (internedKeys.size < 50_000) internedKeys.set(key, key);
  return key;
}

/** Finds the node for a path, falling back to the closest ancestor that exists. Points at keys for map values. */
export function locateIn(
  root: Positions | undefined,
  rootAt: number | undefined,
  path: Path,
  position: (offset: number) => SourcePosition,
  fallback: SourcePosition,
): SourcePosition {
  let node = root;
  let best: SourcePosition = rootAt !== undefined ? position(rootAt) : fallback;
  for (const segment of path) {
    if (!node) break;
    let at: number;
    if (node.keys) {
      // The first pair with that key, as the object model reads it (duplicates are rejected earlier).
      at = node.keys.indexOf(String(segment));
    } else if (typeof segment === 'number') {
      at = segment < node.offsets.length ? segment : -1;
    } else {
      break;
    }
    if (at < 0) break;
    const offset = node.offsets[at]!;
    if (offset >= 0) best = position(offset);
    node = node.children?.[at];
  }
  return best;
}

/** Turns offsets into 1-based line/column with a line table built once per text. */
export function positionFinder(text: string): (offset: number) => SourcePosition {
  // Our own line table: the yaml package's LineCounter skips newlines it recovers over after a syntax error.
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
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
