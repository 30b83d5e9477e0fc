// Freezes a parsed document's value and makes it small, in the same walk (decision 0046). What the YAML readers
// leave behind costs about twice what the value needs: arrays grown by push keep spare capacity (a one-item list
// holds room for 17), strings of 13 characters or more are slices that keep the whole file's text alive, and the
// same short values ("http", "TCP", "100m") are separate strings in every object. Values are unchanged: only
// how they are held.

/** Short values repeat across objects; one string each, up to this many. */
const MAX_SHARED_STRINGS = 20_000;
const SHORT = 13;
const shortStrings = new Map<string, string>();
/** Longer values repeat within a file (an app's name in its labels, selectors, containers, Service and
 * ServiceAccount): one copy each per file, for values up to this long. */
const MAX_FILE_STRING = 256;

/**
 * The value, frozen, with arrays at their exact size and strings held on their own. `aliased` says the value may
 * share subtrees (YAML aliases) or contain itself (a recursive alias): each node is then copied once. Objects of
 * one file pass the same `fileStrings` so their longer values are copied once.
 */
export function compactFreeze<T>(
  value: T,
  aliased: boolean,
  fileStrings: Map<string, string> = new Map(),
): T {
  return compact(value, aliased ? new Map() : undefined, fileStrings) as T;
}

function compact(
  value: unknown,
  seen: Map<object, unknown> | undefined,
  fileStrings: Map<string, string>,
): unknown {
  if (typeof value === 'string') return compactString(value, fileStrings);
  if (value === null || typeof value !== 'object') return value;
  if (seen) {
    const done = seen.get(value);
    if (done !== undefined) return done;
  }
  // Typed arrays (a `!!binary` scalar) cannot be frozen; they hold bytes, not fields.
  if (Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    const copy = value.slice(); // exactly as long as it is
    seen?.set(value, copy);
    for (let i = 0; i < copy.length; i++) copy[i] = compact(copy[i], seen, fileStrings);
    return Object.freeze(copy);
  }
  seen?.set(value, value);
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const child = record[key];
    if (child === null || (typeof child !== 'object' && typeof child !== 'string')) continue;
    const compacted = compact(child, seen, fileStrings);
    // Strings compare by value: a copy off the file's text is always "===" the slice it replaces, so only
    // mappings and lists can be left in place when unchanged.
    if (compacted === child && typeof child !== 'string') continue;
    // An own "__proto__" key (YAML allows it) must stay a key, not become the prototype.
    if (key === '__proto__')
      Object.defineProperty(record, key, {
        value: compacted,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    else record[key] = compacted;
  }
  return Object.freeze(record);
}

function compactString(value: string, fileStrings: Map<string, string>): string {
  if (value.length >= SHORT) {
    if (value.length > MAX_FILE_STRING) return copyOf(value);
    const known = fileStrings.get(value);
    if (known !== undefined) return known;
    const copy = copyOf(value);
    fileStrings.set(copy, copy);
    return copy;
  }
  const shared = shortStrings.get(value);
  if (shared !== undefined) return shared;
  if (shortStrings.size < MAX_SHARED_STRINGS) shortStrings.set(value, value);
  return value;
}

/** A string that no longer refers to the text it was cut from (V8 keeps a slice as a view of its parent). */
function copyOf(value: string): string {
  return `${value} `.slice(0, -1);
}
