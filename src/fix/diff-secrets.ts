// `review --fix=diff` prints lines around each change; those lines must not show a secret value that the change
// does not touch (a Secret's data next to a fixed field, a password in an env list re-flowed by a JSON edit).
// Fixes never add secret values, so every secret value of the file's objects is masked wherever it appears.
import type { KubeObject } from '../core/object.ts';
import { redactArgs } from '../k8s/redact.ts';
import { credentialInValue, isPlaceholderValue, isSecretName } from '../k8s/security-context.ts';
import { REDACTED } from '../sources/snapshot/format.ts';

/** Shorter values would mask unrelated text; a real credential is longer. */
const MIN_LENGTH = 4;

/** The literal values of an object that may be secret: Secret data, secret-named keys and env vars, credentials. */
export function secretValuesOf(object: KubeObject): string[] {
  const found = new Set<string>();
  const add = (value: string) => {
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= MIN_LENGTH) found.add(line.trim());
  };
  const walk = (node: unknown, key: string, secretScope: boolean, depth: number) => {
    if (depth > 64) return;
    if (typeof node === 'string') {
      if (isPlaceholderValue(node)) return;
      if (secretScope || isSecretName(key) || credentialInValue(node)) add(node);
      return;
    }
    if (Array.isArray(node)) {
      // A command line: the value after a secret-named flag (["--password", "x"]), or in "--token=x".
      if (key === 'command' || key === 'args') {
        const redacted = redactArgs(node) as unknown[];
        node.forEach((item, i) => {
          if (typeof item === 'string' && redacted[i] !== item) add(item);
        });
      }
      for (const item of node) walk(item, key, secretScope, depth + 1);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    // An env var or similar {name, value} pair: the name says whether the value is secret.
    const named = typeof record.name === 'string' && isSecretName(record.name);
    for (const [k, v] of Object.entries(record))
      walk(v, k, secretScope || (named && k === 'value'), depth + 1);
  };
  const isSecret = object.kind === 'Secret';
  for (const [key, value] of Object.entries(object))
    walk(value, key, isSecret && (key === 'data' || key === 'stringData'), 0);
  const annotations = object.metadata?.annotations;
  const applied = annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
  if (isSecret && typeof applied === 'string') add(applied);
  return [...found];
}

/** The diff with every given value masked; `masked` counts the lines changed. */
export function maskSecrets(diff: string, values: readonly string[]): { diff: string; masked: number } {
  if (values.length === 0 || diff === '') return { diff, masked: 0 };
  // Longest first, so a value containing another is masked whole.
  const ordered = [...values].sort((a, b) => b.length - a.length);
  let masked = 0;
  const lines = diff.split('\n').map((line) => {
    if (line.startsWith('--- ') || line.startsWith('+++ ') || line.startsWith('@@ ')) return line;
    let out = line;
    for (const value of ordered) if (out.includes(value)) out = out.split(value).join(REDACTED);
    if (out !== line) masked++;
    return out;
  });
  return { diff: lines.join('\n'), masked };
}
