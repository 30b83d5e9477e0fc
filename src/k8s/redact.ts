// One redactor for everything shipshape prints or writes that came from the cluster or a user's files as free text:
// log lines, event messages, container termination and waiting messages, condition messages, describe text, and the
// objects of a snapshot. Secret-looking values are replaced by a marker; the rest of the text is kept so the
// diagnosis still reads. docs/decisions/0033-hostile-input.md
import {
  credentialInValue,
  isPlaceholderValue,
  isSecretName,
  PRIVATE_KEY,
  PRIVATE_KEY_END,
} from './security-context.ts';

export const REDACTED = '<redacted by shipshape>';

// key=value, key: value, "key": "value" — the key says it is a credential. Keys are found one by one (a
// non-secret key's value may hold the next pair: "settings: API_KEY=…"). Each pattern starts where no character
// of its first run precedes it, so a long word is scanned once, not once from each of its letters.
const KEY = /(["']?)(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]*)\1[ \t]*[=:][ \t]*/g;
const VALUE = /"[^"]*"|'[^']*'|\$\{[^}]*\}|\$\([^)]*\)|[^\s,;&"'}\]]+/y;
// A command-line flag naming a secret, then its value: --password hunter2, --db-token=hunter2. It starts only at a
// dash that no character of a flag name precedes, so a long run of words, dots and dashes is scanned once.
const FLAG = /(?<![\w.-])(--?[A-Za-z][A-Za-z0-9_.-]*)([ \t]+|=)(?!-)("[^"]*"|'[^']*'|[^\s"']+)/g;
const URL_PASSWORD = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)([^\s/@]+)(@)/gi;
// A credential after an auth scheme has digits or punctuation ("Bearer authentication failed" is prose).
const AUTH_HEADER = /\b(Bearer|Basic|Token)(\s+)([A-Za-z0-9._~+/=-]{8,})/g;
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
// AWS: the access key id names the account's key; the 40-character secret beside it is the credential.
const AWS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g;
const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/** Per text: inside a PEM private key block every line is withheld. */
export interface RedactionState {
  inPrivateKey: boolean;
}

/** Secret-looking values in one line replaced by the marker; the rest of the line is kept. */
export function redactLine(line: string, state: RedactionState = { inPrivateKey: false }): string {
  if (state.inPrivateKey) {
    if (PRIVATE_KEY_END.test(line)) state.inPrivateKey = false;
    return REDACTED;
  }
  if (PRIVATE_KEY.test(line)) {
    if (!PRIVATE_KEY_END.test(line)) state.inPrivateKey = true;
    return `${line.slice(0, line.search(PRIVATE_KEY))}${REDACTED} (private key)`;
  }
  let out = line
    .replace(URL_PASSWORD, (_m, before: string, _pw: string, at: string) => `${before}${REDACTED}${at}`)
    .replace(AUTH_HEADER, (m, scheme: string, space: string, value: string) =>
      /[0-9._~+/=-]/.test(value) ? `${scheme}${space}${REDACTED}` : m,
    )
    .replace(JWT, REDACTED);
  if (AWS_KEY_ID.test(out)) out = out.replace(AWS_KEY_ID, REDACTED).replace(AWS_SECRET, REDACTED);
  AWS_KEY_ID.lastIndex = 0;
  out = redactSecretFlags(redactSecretPairs(out));
  // Tokens recognisable by their shape alone, whatever they are called.
  return out.replace(/[^\s"'=,;()[\]{}<>]+/g, (token) => {
    if (token.length < 16) return token;
    const what = credentialInValue(token);
    return what && what !== 'a URL with an embedded password' ? REDACTED : token;
  });
}

/** Every line of a text (a log, a message, a ConfigMap value), private key blocks withheld whole. */
export function redactText(text: string): string {
  if (!mayHoldSecret(text)) return text;
  const state: RedactionState = { inPrivateKey: false };
  return text
    .split('\n')
    .map((line) => redactLine(line, state))
    .join('\n');
}

/** A quick test that lets most messages ("Back-off restarting failed container") skip the per-line work. */
function mayHoldSecret(text: string): boolean {
  return text.length >= 8 && /[=:@]|--|BEGIN|eyJ|AKIA|ASIA|Bearer|Basic|Token|[A-Za-z0-9_-]{16}/.test(text);
}

function redactSecretPairs(line: string): string {
  let out = '';
  let copied = 0;
  KEY.lastIndex = 0;
  for (let key = KEY.exec(line); key; key = KEY.exec(line)) {
    if (!isSecretName(key[2]!)) continue;
    const start = key.index + key[0].length;
    VALUE.lastIndex = start;
    const value = VALUE.exec(line)?.[0];
    if (!value) continue;
    const bare = value.replace(/^["']|["']$/g, '');
    if (bare.startsWith('<redacted') || isPlaceholderValue(bare)) continue;
    const quote = /^["']/.test(value) ? value[0] : '';
    out += `${line.slice(copied, start)}${quote}${REDACTED}${quote}`;
    copied = start + value.length;
    KEY.lastIndex = copied;
  }
  return out + line.slice(copied);
}

function redactSecretFlags(line: string): string {
  return line.replace(FLAG, (m, flag: string, space: string, value: string) => {
    if (!isSecretName(flag.replace(/^-+/, ''))) return m;
    const bare = value.replace(/^["']|["']$/g, '');
    if (bare.startsWith('<redacted') || isPlaceholderValue(bare)) return m;
    return `${flag}${space}${REDACTED}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Objects: the free text the cluster writes into them, and (for snapshots) the values a spec carries

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];
const STATUS_LISTS = ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses'];

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy-on-write edit of an object: only the records on the path to a changed value are copied. */
function edit(record: Json, key: string, change: (value: unknown) => unknown): Json {
  if (!(key in record)) return record;
  const before = record[key];
  const after = change(before);
  return after === before ? record : { ...record, [key]: after };
}

function eachItem(list: unknown, change: (item: unknown) => unknown): unknown {
  if (!Array.isArray(list)) return list;
  let copy: unknown[] | undefined;
  list.forEach((item, i) => {
    const next = change(item);
    if (next !== item) {
      copy ??= [...list];
      copy[i] = next;
    }
  });
  return copy ?? list;
}

const text = (value: unknown) => (typeof value === 'string' ? redactText(value) : value);
const messageOf = (value: unknown) => (isRecord(value) ? edit(value, 'message', text) : value);

/**
 * Messages the cluster writes (events, container waiting/terminated messages, status and condition messages)
 * with secret-looking values redacted. Applied to every object read from a cluster, a snapshot or describe text,
 * so no check, output format or snapshot can carry them further. Unchanged objects are returned as they are.
 */
export function redactMessages<T>(object: T): T {
  if (!isRecord(object)) return object;
  let out: Json = object;
  if (out.kind === 'Event') {
    out = edit(out, 'message', text);
    out = edit(out, 'note', text);
  }
  out = edit(out, 'status', (status) => {
    if (!isRecord(status)) return status;
    let s = edit(status, 'message', text);
    s = edit(s, 'conditions', (list) => eachItem(list, messageOf));
    for (const key of STATUS_LISTS)
      s = edit(s, key, (list) =>
        eachItem(list, (st) => {
          if (!isRecord(st)) return st;
          let c = st;
          for (const when of ['state', 'lastState'])
            c = edit(c, when, (state) =>
              isRecord(state) ? edit(edit(state, 'waiting', messageOf), 'terminated', messageOf) : state,
            );
          return c;
        }),
      );
    return s;
  });
  return out as T;
}

/**
 * What a snapshot keeps of an object unless secret values are asked for: Secret values withheld (certificates,
 * public by nature, kept), and in every other object the messages (redactMessages), secret-looking env values,
 * container command lines, ConfigMap values and the copy `kubectl apply` keeps in an annotation.
 */
export function redactForSnapshot<T>(object: T, publicSecretKeys: ReadonlySet<string>): T {
  if (!isRecord(object)) return object;
  let out = redactMessages(object) as Json;
  if (out.kind === 'Secret') {
    const tls = out.type === 'kubernetes.io/tls';
    const withhold = (values: unknown) =>
      isRecord(values)
        ? Object.fromEntries(
            Object.entries(values).map(([k, v]) => [k, tls && publicSecretKeys.has(k) ? v : REDACTED]),
          )
        : values;
    out = edit(edit(out, 'data', withhold), 'stringData', withhold);
    return edit(out, 'metadata', (m) =>
      isRecord(m)
        ? edit(m, 'annotations', (a) => (isRecord(a) ? edit(a, LAST_APPLIED, () => REDACTED) : a))
        : m,
    ) as T;
  }
  if (out.kind === 'ConfigMap')
    out = edit(out, 'data', (data) =>
      isRecord(data)
        ? Object.fromEntries(
            Object.entries(data).map(([k, v]) => [
              k,
              typeof v === 'string' && isSecretName(k) && !isPlaceholderValue(v) ? REDACTED : text(v),
            ]),
          )
        : data,
    );
  out = edit(out, 'metadata', (m) =>
    isRecord(m) ? edit(m, 'annotations', (a) => (isRecord(a) ? edit(a, LAST_APPLIED, lastApplied) : a)) : m,
  );
  return redactSpecs(out, publicSecretKeys) as T;
}

/** The object `kubectl apply` recorded, redacted the same way. */
function lastApplied(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    const parsed = JSON.parse(value) as unknown;
    const redacted = redactForSnapshot(parsed, new Set());
    return redacted === parsed ? value : JSON.stringify(redacted);
  } catch {
    return redactText(value);
  }
}

/** Every pod spec inside the object (a Pod's, a workload's template, a CronJob's job template). */
function redactSpecs(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return eachItem(value, (item) => redactSpecs(item, keys));
  if (!isRecord(value)) return value;
  let out: Json = value;
  for (const list of CONTAINER_LISTS)
    if (Array.isArray(out[list])) out = edit(out, list, (l) => eachItem(l, redactContainer));
  for (const key of Object.keys(out)) {
    if (CONTAINER_LISTS.includes(key) || key === 'status' || key === 'metadata') continue;
    const child = out[key];
    if (typeof child === 'object' && child !== null) out = edit(out, key, (c) => redactSpecs(c, keys));
  }
  return out;
}

function redactContainer(container: unknown): unknown {
  if (!isRecord(container)) return container;
  let c = edit(container, 'env', (env) =>
    eachItem(env, (e) => {
      if (!isRecord(e) || typeof e.value !== 'string') return e;
      const name = typeof e.name === 'string' ? e.name : '';
      if (isSecretName(name) && !isPlaceholderValue(e.value)) return { ...e, value: REDACTED };
      const value = redactText(e.value);
      return value === e.value ? e : { ...e, value };
    }),
  );
  for (const key of ['command', 'args']) c = edit(c, key, (list) => redactArgs(list));
  return c;
}

/** A command line as a list: a secret-named flag's value may be the next item (["--password", "x"]). */
export function redactArgs(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  let copy: unknown[] | undefined;
  list.forEach((item, i) => {
    if (typeof item !== 'string') return;
    const previous = list[i - 1];
    const afterSecretFlag =
      typeof previous === 'string' &&
      /^--?[A-Za-z]/.test(previous) &&
      !previous.includes('=') &&
      isSecretName(previous.replace(/^-+/, '')) &&
      !item.startsWith('-') &&
      !isPlaceholderValue(item);
    const next = afterSecretFlag ? REDACTED : redactText(item);
    if (next !== item) {
      copy ??= [...list];
      copy[i] = next;
    }
  });
  return copy ?? list;
}
