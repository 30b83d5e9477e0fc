// Converts the per-kind JSON schemas of PyPI `kubernetes-validate` into standalone schemas kubeconform can load
// offline: `node bench/kubeconform-schemas.ts SRC_ROOT OUT_ROOT [1.34.0 …]`.
//
// Why: each kind file of kubernetes-validate (`v1.NN.0-local-strict/deployment-apps-v1.json`) declares
// `$id: https://kubernetes.io/api/deployment/apps/v1` and points into the shared definitions with
// `$ref: /api/_definitions.json#/$defs/…`. Against that `$id` the reference resolves to
// https://kubernetes.io/api/_definitions.json, so kubeconform's compiler tries the network, fails, and
// kubeconform reports "could not find schema for Deployment" for every resource.
//
// What: for every kind file (one carrying `x-kubernetes-group-version-kind`), drop the `$id`, copy into the file
// the definitions it reaches (transitively) under `$defs`, and rewrite every reference to the local
// `#/$defs/<name>`. Nothing else changes: the strict variant's `additionalProperties: false` stays where
// upstream put it. Output layout is kubeconform's `-schema-location` template
// `OUT_ROOT/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`.
// Recursive definitions (JSONSchemaProps) stay references to the file's own `$defs`, so no file grows without
// bound; fully inlining them is impossible.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

/** kubeconform's -schema-location for the schemas converted into `outRoot` (the layout described above). */
export function schemaLocation(outRoot: string): string {
  return `${outRoot}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
}

const SHARED_PREFIX = '/api/_definitions.json#/$defs/';
const LOCAL_PREFIX = '#/$defs/';

/** The definition name a `$ref` points at, or undefined for a reference this converter does not know. */
export function refTarget(ref: string): string | undefined {
  if (ref.startsWith(SHARED_PREFIX)) return decodeURIComponent(ref.slice(SHARED_PREFIX.length));
  if (ref.startsWith(LOCAL_PREFIX)) return decodeURIComponent(ref.slice(LOCAL_PREFIX.length));
  return undefined;
}

/** A deep copy of `node` with every known `$ref` rewritten to `#/$defs/<name>`; `reached` collects the names. */
function rewrite(node: Json, reached: Set<string>, unknown: Set<string>): Json {
  if (Array.isArray(node)) return node.map((item) => rewrite(item, reached, unknown));
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const target = refTarget(value);
      if (target === undefined) {
        unknown.add(value);
        out[key] = value;
      } else {
        reached.add(target);
        out[key] = `${LOCAL_PREFIX}${encodeURIComponent(target)}`;
      }
    } else out[key] = rewrite(value, reached, unknown);
  }
  return out;
}

/**
 * One standalone schema: the kind's own schema without `$id`, plus the transitive closure of the definitions it
 * references under `$defs`. Throws on a reference to a definition that does not exist (a broken input must not
 * become a schema that silently accepts everything).
 */
export function standalone(kind: Schema, definitions: Record<string, Json>): Schema {
  const unknown = new Set<string>();
  const reached = new Set<string>();
  const { $id: _id, ...rest } = kind;
  const root = rewrite(rest, reached, unknown) as Schema;
  const defs: Record<string, Json> = {};
  const queue = [...reached];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (name in defs) continue;
    const definition = definitions[name];
    if (definition === undefined) throw new Error(`reference to missing definition ${name}`);
    const next = new Set<string>();
    defs[name] = rewrite(definition, next, unknown);
    for (const n of next) if (!(n in defs)) queue.push(n);
  }
  if (unknown.size > 0) throw new Error(`unsupported $ref: ${[...unknown].join(', ')}`);
  if (Object.keys(defs).length > 0) root.$defs = Object.fromEntries(Object.entries(defs).sort());
  return root;
}

/** Converts one version directory; returns how many kind schemas were written. */
export function convertVersion(srcDir: string, outDir: string): number {
  const shared = JSON.parse(readFileSync(join(srcDir, '_definitions.json'), 'utf8')) as Schema;
  const definitions = (shared.$defs ?? {}) as Record<string, Json>;
  mkdirSync(outDir, { recursive: true });
  let written = 0;
  for (const file of readdirSync(srcDir).sort()) {
    if (!file.endsWith('.json') || file === '_definitions.json' || file === 'all.json') continue;
    const kind = JSON.parse(readFileSync(join(srcDir, file), 'utf8')) as Schema;
    // Only kinds: kubeconform looks schemas up by an object's kind, never by a nested type's name.
    if (!Array.isArray(kind['x-kubernetes-group-version-kind'])) continue;
    writeFileSync(join(outDir, file), JSON.stringify(standalone(kind, definitions)));
    written++;
  }
  return written;
}

if (import.meta.main) {
  const [src, out, ...versions] = process.argv.slice(2);
  if (!src || !out) {
    console.error('usage: node bench/kubeconform-schemas.ts SRC_ROOT OUT_ROOT [1.34.0 …]');
    process.exit(2);
  }
  const wanted =
    versions.length > 0
      ? versions.map((v) => `v${v.replace(/^v/, '')}`)
      : readdirSync(src)
          .filter((d) => /^v\d+\.\d+\.\d+-local-strict$/.test(d))
          .map((d) => d.replace(/-local-strict$/, ''));
  for (const version of wanted) {
    for (const strict of [true, false]) {
      const from = join(src, `${version}-local${strict ? '-strict' : ''}`);
      const to = join(out, `${version}-standalone${strict ? '-strict' : ''}`);
      const n = convertVersion(from, to);
      console.log(`${to}: ${n} kind schemas`);
    }
  }
}
