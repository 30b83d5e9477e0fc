// The fast way to read a YAML stream: js-yaml's flat event stream gives values and offsets in one pass, ~8x
// faster than building the yaml package's syntax tree. It declines (returns undefined) whenever the text needs
// something only the careful reader in parse-yaml.ts does right: syntax errors with recovery and several
// messages, duplicate keys, aliases (expansion limits), explicit tags, complex keys. docs/decisions/0025.
import {
  boolCoreTag,
  CORE_SCHEMA,
  constructFromEvents,
  defineScalarTag,
  EVENT_ID,
  type Event,
  floatCoreTag,
  getScalarValue,
  intCoreTag,
  mergeTag,
  NOT_RESOLVED,
  parseEvents,
  SCALAR_STYLE,
  type ScalarEvent,
} from 'js-yaml';
import { intern, type Positions } from './positions.ts';
import { OCTAL_INT, octalValue, YAML11_FALSE, YAML11_TRUE } from './yaml-1-1.ts';

/** One YAML document: its value and where its keys and items were written. */
export interface ReadDocument {
  index: number;
  value: unknown;
  positions: Positions | undefined;
  /** Offset of the document's root node. */
  rootAt: number | undefined;
}

const DECIMAL = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

// The same scalar reading as the careful reader (yaml-1-1.ts): YAML 1.1 booleans and leading-zero octal on top of
// the YAML 1.2 core schema.
const kubernetesBool = defineScalarTag('tag:yaml.org,2002:bool', {
  implicit: true,
  implicitFirstChars: [...'tTfFyYnNoO'],
  resolve: (source, isExplicit, tagName) => {
    if (YAML11_TRUE.test(source)) return true;
    if (YAML11_FALSE.test(source)) return false;
    return boolCoreTag.resolve(source, isExplicit, tagName);
  },
  identify: (value) => typeof value === 'boolean',
});
const kubernetesInt = defineScalarTag('tag:yaml.org,2002:int', {
  implicit: true,
  implicitFirstChars: [...'-+0123456789'],
  resolve: (source, isExplicit, tagName) => {
    if (OCTAL_INT.test(source)) return octalValue(source);
    const value = intCoreTag.resolve(source, isExplicit, tagName);
    // Too big for a double: the careful reader reads it as a number anyway (Infinity), so must we.
    return value === NOT_RESOLVED && DECIMAL.test(source) ? Number(source) : value;
  },
  identify: (value) => Number.isInteger(value),
});
const kubernetesFloat = defineScalarTag('tag:yaml.org,2002:float', {
  implicit: true,
  implicitFirstChars: [...'-+.0123456789'],
  resolve: (source, isExplicit, tagName) => {
    const value = floatCoreTag.resolve(source, isExplicit, tagName);
    return value === NOT_RESOLVED && FLOAT.test(source) ? Number(source) : value;
  },
  identify: (value) => typeof value === 'number',
});
const KUBERNETES_SCHEMA = CORE_SCHEMA.withTags(kubernetesBool, kubernetesInt, kubernetesFloat, mergeTag);

/**
 * Text where js-yaml is more lenient than the careful reader or counts documents differently (found by the
 * differential fuzz test in test/fuzz/loader.fuzz.test.ts): tabs (never allowed as indentation), an indented
 * `---`, a `...` document end marker, a byte order mark.
 */
const NEEDS_CAREFUL_READER = /\t|\uFEFF|^ +---|^\.\.\./m;

interface Frame {
  positions: Positions;
  children: (Positions | undefined)[];
  isMap: boolean;
  /** In a mapping: the next node is a key. */
  atKey: boolean;
}

/** Values and positions of every document, or undefined when the careful reader must handle this text. */
export function readWithEvents(text: string): ReadDocument[] | undefined {
  if (NEEDS_CAREFUL_READER.test(text)) return undefined;
  let events: Event[];
  let values: unknown[];
  try {
    events = parseEvents(text, {});
    if (!eventsAreSimple(events)) return undefined;
    values = constructFromEvents(events, { source: text, schema: KUBERNETES_SCHEMA });
  } catch {
    return undefined; // syntax error, duplicate key, too deep: the careful reader explains it
  }
  const documents: ReadDocument[] = [];
  const stack: Frame[] = [];
  let current: ReadDocument | undefined;
  let lastOffset = 0;
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        current = {
          index: documents.length,
          value: values[documents.length],
          positions: undefined,
          rootAt: undefined,
        };
        documents.push(current);
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const positions: Positions =
          event.type === EVENT_ID.MAPPING
            ? { keys: [], offsets: [], children: undefined }
            : { offsets: [], children: undefined };
        const frame: Frame = { positions, children: [], isMap: event.type === EVENT_ID.MAPPING, atKey: true };
        const parent = stack.at(-1);
        if (!parent) {
          if (current) {
            current.positions = positions;
            current.rootAt = event.start;
          }
        } else if (parent.isMap) {
          if (parent.atKey) return undefined; // a collection as a key: no string path can name it
          parent.children[parent.children.length - 1] = positions;
          parent.atKey = true;
        } else {
          parent.positions.offsets.push(event.start);
          parent.children.push(positions);
        }
        stack.push(frame);
        lastOffset = event.start;
        break;
      }
      case EVENT_ID.SCALAR: {
        const parent = stack.at(-1);
        // An empty node has no offset here; the careful reader places it after its indicator.
        if (event.valueStart < 0 && !parent?.isMap) return undefined;
        const offset = scalarStart(text, event.style, event.valueStart, lastOffset);
        lastOffset = Math.max(event.valueEnd, lastOffset);
        if (!parent) {
          if (current) current.rootAt = offset;
        } else if (parent.isMap) {
          if (parent.atKey) {
            const key = keyOf(text, event);
            if (key === undefined) return undefined;
            parent.positions.keys!.push(key);
            parent.positions.offsets.push(offset);
            parent.children.push(undefined);
          }
          parent.atKey = !parent.atKey;
        } else {
          parent.positions.offsets.push(offset);
          parent.children.push(undefined);
        }
        break;
      }
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (frame?.children.some((child) => child !== undefined)) frame.positions.children = frame.children;
        break;
      }
      default:
        return undefined;
    }
  }
  return documents.length === values.length ? documents : undefined;
}

/** A key as the object holds it: plain `on`, `0x10` or `1.0` resolve first and are then stringified. */
function keyOf(text: string, event: ScalarEvent): string | undefined {
  const source = getScalarValue(text, event);
  if (event.style !== SCALAR_STYLE.PLAIN) return intern(source);
  // Keys repeat across every object (name, image, containers…): resolve each spelling once.
  let key = plainKeys.get(source);
  if (key === undefined) {
    const { value } = KUBERNETES_SCHEMA.resolveImplicitScalarTag(source);
    // A null key has no JSON spelling (Kubernetes rejects it); the careful reader reports what it makes of it.
    key = value === null ? null : typeof value === 'string' ? value : String(value);
    if (plainKeys.size < 50_000) plainKeys.set(source, key);
  }
  return key ?? undefined;
}
const plainKeys = new Map<string, string | null>();

/** No aliases, anchors or explicit tags: those need the careful reader's expansion limits and tag handling. */
function eventsAreSimple(events: readonly Event[]): boolean {
  for (const event of events) {
    if (event.type === EVENT_ID.ALIAS) return false;
    if (event.type === EVENT_ID.DOCUMENT || event.type === EVENT_ID.POP) continue;
    if (event.anchorStart !== -1 || event.tagStart !== -1) return false;
  }
  return true;
}

/** Where a scalar was written, as an editor shows it: at its opening quote, or at a block scalar's `|`/`>`. */
function scalarStart(text: string, style: number, valueStart: number, after: number): number {
  if (style === SCALAR_STYLE.SINGLE_QUOTED || style === SCALAR_STYLE.DOUBLE_QUOTED) return valueStart - 1;
  if (style !== SCALAR_STYLE.LITERAL_BLOCK && style !== SCALAR_STYLE.FOLDED_BLOCK) return valueStart;
  // Between the previous node and the content there are only spaces, indicators, comments and the header.
  for (let i = after; i < valueStart; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7c /* | */ || c === 0x3e /* > */) return i;
    if (c === 0x23 /* # */) {
      const end = text.indexOf('\n', i);
      if (end === -1 || end >= valueStart) break;
      i = end;
    }
  }
  return valueStart;
}
