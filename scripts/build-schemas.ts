// Converts the per-version Kubernetes JSON schemas shipped in the PyPI package `kubernetes-validate` into the
// compact bundles under schemas/ (one gzip'd JSON per minor version). Run: npm run schemas [-- <wheel-or-dir>]
// Without an argument it asks pip for the pinned wheel (pip download --no-deps). See schemas/README.md.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const PACKAGE = 'kubernetes-validate';
/**
 * Pinned releases and the minors taken from each: 1.37.0 ships 1.25 … 1.37; the older minors (1.20 … 1.24, the
 * years of the big API removals) come from 1.28.3, the newest release that still ships them.
 */
export const SOURCES: readonly { version: string; minors: readonly number[] }[] = [
  { version: '1.37.0', minors: range(25, 37) },
  { version: '1.28.3', minors: range(20, 24) },
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'schemas');

/** Schema keywords that matter to validation; everything else (descriptions, patch hints) is dropped. */
const KEEP = new Set([
  '$ref',
  'type',
  'properties',
  'additionalProperties',
  'items',
  'required',
  'enum',
  'format',
  'oneOf',
  'anyOf',
  'allOf',
  'not',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
]);

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Copies a schema node keeping only validation keywords; `properties` and `$defs` keys are field names. */
function compact(node: Json): Json {
  if (Array.isArray(node)) return node.map(compact);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (!KEEP.has(key)) continue;
    if (key === 'properties' && isObject(value)) {
      const props: JsonObject = {};
      for (const [name, child] of Object.entries(value)) props[name] = compact(child);
      out[key] = props;
    } else if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace('#/definitions/', '#/$defs/');
    } else if (key === 'enum' || key === 'required') {
      out[key] = value;
    } else {
      out[key] = compact(value);
    }
  }
  return out;
}

export interface SchemaBundle {
  kubernetesVersion: string;
  source: { package: string; version: string; directory: string };
  /** "group/version:Kind" (core: "v1:Kind") → definition name. */
  kinds: Record<string, string>;
  definitions: Record<string, Json>;
}

export function convert(
  definitionsFile: JsonObject,
  minor: string,
  directory: string,
  packageVersion: string,
): SchemaBundle {
  const defs = (definitionsFile.$defs ?? definitionsFile.definitions) as JsonObject;
  const kinds: Record<string, string> = {};
  const definitions: Record<string, Json> = {};
  for (const name of Object.keys(defs).sort()) {
    const def = defs[name] as JsonObject;
    for (const gvk of (def['x-kubernetes-group-version-kind'] as JsonObject[] | undefined) ?? []) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : String(gvk.version);
      const key = `${apiVersion}:${gvk.kind}`;
      // Resource kinds win over shared option types (DeleteOptions, WatchEvent list every group).
      if (!kinds[key] || !name.startsWith('io.k8s.apimachinery.pkg.apis.meta.')) kinds[key] = name;
    }
    if (name === INT_OR_STRING) {
      // Upstream spells this oneOf [string|null, integer|null], which rejects null (both branches match).
      definitions[name] = { type: ['string', 'integer', 'null'], 'x-kubernetes-int-or-string': true };
    } else if (name === QUANTITY) {
      definitions[name] = { type: ['string', 'number', 'null'] };
    } else {
      definitions[name] = compact(def);
    }
  }
  return {
    kubernetesVersion: minor,
    source: { package: PACKAGE, version: packageVersion, directory },
    kinds,
    definitions,
  };
}

function wheelRoot(version: string, given: string | undefined): { root: string; cleanup: () => void } {
  const temp = mkdtempSync(join(tmpdir(), 'shipshape-schemas-'));
  let wheel = given;
  if (!wheel) {
    execFileSync('pip', ['download', '--no-deps', `${PACKAGE}==${version}`, '-d', temp], {
      stdio: 'inherit',
    });
    const found = readdirSync(temp).find((f) => f.endsWith('.whl'));
    if (!found) throw new Error(`pip did not download a ${PACKAGE} ${version} wheel`);
    wheel = join(temp, found);
  }
  execFileSync('unzip', [
    '-q',
    '-o',
    wheel,
    'kubernetes_validate/kubernetes-json-schema/*/_definitions.json',
    '-d',
    temp,
  ]);
  return { root: temp, cleanup: () => rmSync(temp, { recursive: true, force: true }) };
}

/** Arguments: optional wheel files, matched to SOURCES by the version in their name; the rest is downloaded. */
function main(): void {
  const wheels = process.argv.slice(2);
  mkdirSync(OUT, { recursive: true });
  const index: { versions: string[]; package: string; sources: Record<string, string> } = {
    versions: [],
    package: PACKAGE,
    sources: {},
  };
  let total = 0;
  for (const source of SOURCES) {
    const given = wheels.find((w) => w.includes(`-${source.version}-`));
    const { root, cleanup } = wheelRoot(source.version, given);
    try {
      const base = join(root, 'kubernetes_validate', 'kubernetes-json-schema');
      for (const n of source.minors) {
        const directory = `v1.${n}.0-local`;
        const file = join(base, directory, '_definitions.json');
        if (!existsSync(file)) throw new Error(`${PACKAGE} ${source.version} has no ${directory}`);
        const minor = `1.${n}`;
        const raw = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
        const bundle = convert(raw, minor, directory, source.version);
        const gz = gzipSync(JSON.stringify(bundle), { level: 9 });
        writeFileSync(join(OUT, `v${minor}.json.gz`), gz);
        total += gz.length;
        index.versions.push(minor);
        index.sources[minor] = `${PACKAGE} ${source.version}`;
        console.log(
          `v${minor} (${PACKAGE} ${source.version}): ${Object.keys(bundle.kinds).length} kinds, ${Object.keys(bundle.definitions).length} definitions, ${(gz.length / 1024).toFixed(0)} KiB`,
        );
      }
    } finally {
      cleanup();
    }
  }
  index.versions.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
  index.sources = Object.fromEntries(index.versions.map((v) => [v, index.sources[v]!]));
  writeFileSync(join(OUT, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  console.log(`total ${(total / 1024 / 1024).toFixed(2)} MiB in ${OUT}`);
}

if (process.argv[1]?.endsWith('build-schemas.ts')) main();
