// The fast way to read a YAML stream: js-yaml's flat event stream gives values and offsets in one pass, ~8x
// faster than building the yaml package's syntax tree. It declines (returns undefined) whenever the text needs
// something only the careful reader in parse-yaml.ts does right: syntax errors with recovery and several
// messages, duplicate keys, explicit tags, complex keys, and alias expansions the careful reader refuses
// (decisions 0025 and 0045). Anchors and aliases themselves are read here, counted as the careful reader counts.
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
import { AliasLimit } from './alias-limit.ts';
import { type Positions, PositionsBuilder } from './positions.ts';
import { OCTAL_INT, octalValue, YAML11_FALSE, YAML11_TRUE } from './yaml-1-1.ts';

/** One YAML document: its value and where its keys and items were written. */
export interface ReadDocument {
  index: number;
  value: unknown;
  positions: Positions | undefined;
  /** Offset of the document's root node. */
  rootAt: number | undefined;
  /** The value may share parts or contain itself (read with aliases); unknown (undefined) counts as yes. */
  aliased?: boolean;
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
  isMap: boolean;
  /** In a mapping: the next node is a key. */
  atKey: boolean;
  /** The collection carries an anchor (&name): its alias counting ends with it. */
  anchored: boolean;
}

/** Values and positions of every document, or undefined when the careful reader must handle this text. */
export function readWithEvents(text: string): ReadDocument[] | undefined {
  if (NEEDS_CAREFUL_READER.test(text)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return undefined; // syntax error, too deep: the careful reader explains it
  }
  const documents = readPositions(text, events);
  if (!documents) return undefined;
  let values: unknown[];
  try {
    values = constructFromEvents(events, { source: text, schema: KUBERNETES_SCHEMA });
  } catch {
    return undefined; // duplicate key, bad merge: the careful reader explains it
  }
  if (documents.length !== values.length) return undefined;
  for (const document of documents) document.value = values[document.index];
  return documents;
}

/** The documents with their position trees (values not yet read), or undefined to decline the text. */
function readPositions(text: string, events: readonly Event[]): ReadDocument[] | undefined {
  const documents: ReadDocument[] = [];
  const stack: Frame[] = [];
  let current: ReadDocument | undefined;
  const positions = new PositionsBuilder();
  let lastOffset = 0;
  // Created at a document's first anchor: most documents have none.
  let aliases: AliasLimit | undefined;
  let mergeKeys = false;
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        current = {
          index: documents.length,
          value: undefined,
          positions: undefined,
          rootAt: undefined,
          aliased: false,
        };
        documents.push(current);
        aliases = undefined;
        mergeKeys = false;
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (event.tagStart !== -1) return undefined; // explicit tags: the careful reader's tag handling
        const isMap = event.type === EVENT_ID.MAPPING;
        const anchored = event.anchorStart !== -1;
        const parent = stack.at(-1);
        if (!parent) {
          if (current) current.rootAt = event.start;
        } else if (parent.isMap) {
          if (parent.atKey) return undefined; // a collection as a key: no string path can name it
          parent.atKey = true;
        } else {
          positions.item(event.start);
        }
        if (isMap) positions.openMap();
        else positions.openSeq();
        if (anchored) {
          aliases ??= new AliasLimit();
          aliases.open(text.slice(event.anchorStart, event.anchorEnd));
        }
        stack.push({ isMap, atKey: true, anchored });
        lastOffset = event.start;
        break;
      }
      case EVENT_ID.SCALAR: {
        if (event.tagStart !== -1) return undefined;
        const parent = stack.at(-1);
        // An empty node has no offset here; the careful reader places it after its indicator.
        if (event.valueStart < 0 && !parent?.isMap) return undefined;
        const offset = scalarStart(text, event, lastOffset);
        lastOffset = Math.max(event.valueEnd, lastOffset);
        if (event.anchorStart !== -1) aliases ??= new AliasLimit();
        aliases?.scalar(
          event.anchorStart === -1 ? undefined : text.slice(event.anchorStart, event.anchorEnd),
        );
        if (!parent) {
          if (current) current.rootAt = offset;
        } else if (parent.isMap) {
          if (parent.atKey) {
            // An anchored first key moves where the careful reader starts its mapping; keys are rarely anchored.
            if (event.anchorStart !== -1) return undefined;
            const key = keyOf(text, event);
            if (key === undefined) return undefined;
            // Merging an alias copies its source again, which the careful reader counts again: not read here.
            if (key === '<<' && event.style === SCALAR_STYLE.PLAIN) mergeKeys = true;
            positions.key(key, offset);
          }
          parent.atKey = !parent.atKey;
        } else {
          positions.item(offset);
        }
        break;
      }
      case EVENT_ID.ALIAS: {
        const parent = stack.at(-1);
        // An alias as a key, or one the careful reader would refuse (unknown, recursive, over the limit).
        if (!parent || (parent.isMap && parent.atKey)) return undefined;
        if (!aliases?.alias(text.slice(event.anchorStart, event.anchorEnd))) return undefined;
        if (current) current.aliased = true;
        lastOffset = Math.max(event.anchorEnd, lastOffset);
        if (parent.isMap) parent.atKey = true;
        else positions.item(event.anchorStart - 1); // at the `*`, as the careful reader has it
        break;
      }
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (frame) {
          if (frame.anchored) aliases!.close();
          positions.close();
        } else {
          // The end of a document. Merge keys together with anchors are left to the careful reader.
          if (mergeKeys && aliases) return undefined;
          if (current) current.positions = positions.finish();
        }
        break;
      }
      default:
        return undefined;
    }
  }
  return mergeKeys && aliases ? undefined : documents;
}

/** A key as the object holds it: plain `on`, `0x10` or `1.0` resolve first and are then stringified. */
function keyOf(text: string, event: ScalarEvent): string | undefined {
  const source = getScalarValue(text, event);
  if (event.style !== SCALAR_STYLE.PLAIN) return source;
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

/** Where a scalar was written, as an editor shows it: at its opening quote, or at a block scalar's `|`/`>`. */
function scalarStart(text: string, event: ScalarEvent, after: number): number {
  const { style, valueStart } = event;
  if (style === SCALAR_STYLE.SINGLE_QUOTED || style === SCALAR_STYLE.DOUBLE_QUOTED) return valueStart - 1;
  if (style !== SCALAR_STYLE.LITERAL_BLOCK && style !== SCALAR_STYLE.FOLDED_BLOCK) return valueStart;
  // Between the previous node and the content there are only spaces, indicators, comments, an anchor and the
  // header; an anchor's name may hold `|` or `#`.
  for (let i = Math.max(after, event.anchorEnd); i < valueStart; i++) {
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
