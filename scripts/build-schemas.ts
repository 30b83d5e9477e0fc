// Generates shipshape's Kubernetes data from Kubernetes' own sources, fetched through the Go module proxy
// (decision 0054; provenance and format: schemas/README.md). Run: npm run schemas
//   1. schemas/kubernetes.jsonl.gz + schemas/index.json: for every release in RELEASES, the definitions of its
//      published OpenAPI documents (k8s.io/kubernetes api/openapi-spec: v3, or v2 before 1.23) with the enums of
//      its generated OpenAPI code (pkg/generated/openapi), each distinct definition stored once for all minors.
//   2. src/k8s/api-lifecycle.ts: every group/version/kind's lifecycle (introduced, deprecated, removed,
//      replacement) from the API packages of k8s.io/api, k8s.io/apiextensions-apiserver and
//      k8s.io/kube-aggregator of the same releases (the newest release that carries a kind speaks for it).
// Needs `go` (modules are fetched once into ~/.cache/shipshape-schemas/gomod and checked against sum.golang.org).
// The output is deterministic: a second run changes nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { enumsOf } from './schemas/enums.ts';
import { gateDefaults, stripGatedEnums } from './schemas/feature-gates.ts';
import { downloadModule, moduleCache } from './schemas/go-modules.ts';
import { type LifecycleEntry, moduleLifecycle } from './schemas/lifecycle.ts';
import { buildTable, type LifecycleRow } from './schemas/lifecycle-table.ts';
import { applyEnums, type OpenApiSet, readOpenApi, stripStatusEnums } from './schemas/openapi.ts';

/**
 * One pinned patch release per minor, 1.20 to the newest release the Go module proxy serves: the newest patch of
 * each minor there when it was last regenerated. To move on, add or bump a release and run `npm run schemas`.
 */
export const RELEASES = [
  '1.20.15',
  '1.21.14',
  '1.22.17',
  '1.23.17',
  '1.24.17',
  '1.25.16',
  '1.26.15',
  '1.27.16',
  '1.28.15',
  '1.29.15',
  '1.30.14',
  '1.31.14',
  '1.32.13',
  '1.33.13',
  '1.34.4',
  '1.35.4',
  '1.36.3',
  '1.37.2',
] as const;

/** Modules whose API packages carry lifecycle methods, at v0.<minor>.<patch> of each release. */
const API_MODULES = ['k8s.io/api', 'k8s.io/apiextensions-apiserver', 'k8s.io/kube-aggregator'];

export const FORMAT = 'shipshape-schemas/1';
const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'schemas');
const LIFECYCLE_TS = join(ROOT, 'src', 'k8s', 'api-lifecycle.ts');

const minorOf = (release: string) => release.split('.').slice(0, 2).join('.');

interface ReleaseData {
  minor: string;
  kubernetes: { version: string; sum: string };
  set: OpenApiSet;
  /** The minor whose generated code gave the enums: its own, or (before 1.24) the oldest one that has them. */
  enumsFrom: string | undefined;
}

/** Every release's OpenAPI set with its enums. Releases without generated OpenAPI code take the oldest one's. */
function readReleases(): ReleaseData[] {
  const read = RELEASES.map((release) => {
    const module = downloadModule('k8s.io/kubernetes', `v${release}`);
    const generated = join(module.dir, 'pkg', 'generated', 'openapi', 'zz_generated.openapi.go');
    return {
      minor: minorOf(release),
      module,
      set: readOpenApi(module.dir),
      enums: existsSync(generated) ? enumsOf(readFileSync(generated, 'utf8')) : undefined,
    };
  });
  const oldest = read.find((r) => r.enums);
  return read.map((r) => {
    const from = r.enums ? r : oldest;
    if (from?.enums) applyEnums(r.set, from.enums);
    // What the API server does not validate: fields it drops while their gate is off, and objects' status.
    const gated = stripGatedEnums(r.set, r.module.dir, gateDefaults(r.module.dir, r.minor));
    for (const stale of gated.stale) throw new Error(`${r.module.version}: GATED_ENUMS is stale: ${stale}`);
    const status = stripStatusEnums(r.set);
    console.log(
      `${r.module.version}: OpenAPI ${r.set.format}, ${Object.keys(r.set.kinds).length} kinds, ${Object.keys(r.set.definitions).length} definitions, enums ${from ? `of ${from.minor}` : 'none'}; not enumerated: ${gated.removed.length} gated fields (${gated.removed.join(', ') || 'none'}), ${status.length} status-only definitions`,
    );
    return {
      minor: r.minor,
      kubernetes: { version: r.module.version, sum: r.module.sum },
      set: r.set,
      enumsFrom: from?.minor,
    };
  });
}

/** A bit per minor (index in RELEASES): which minors a definition or kind row belongs to. */
function bit(index: number): number {
  return 2 ** index;
}

/**
 * schemas/kubernetes.jsonl.gz, JSON Lines: a header, then one line per distinct (kind → definition) mapping and
 * per distinct (name, schema) definition, each with the bit mask of the minors it belongs to. Sorted, so a
 * regeneration from the same sources is byte-identical.
 */
function writeSchemas(releases: ReleaseData[]): number {
  const kinds = new Map<string, { key: string; definition: string; mask: number }>();
  const definitions = new Map<string, { name: string; body: string; mask: number }>();
  releases.forEach((release, i) => {
    for (const [key, definition] of Object.entries(release.set.kinds)) {
      const id = `${key}\0${definition}`;
      const row = kinds.get(id) ?? { key, definition, mask: 0 };
      row.mask += bit(i);
      kinds.set(id, row);
    }
    for (const [name, schema] of Object.entries(release.set.definitions)) {
      const body = JSON.stringify(schema);
      const id = `${name}\0${body}`;
      const row = definitions.get(id) ?? { name, body, mask: 0 };
      row.mask += bit(i);
      definitions.set(id, row);
    }
  });
  const byName = (a: { mask: number }, b: { mask: number }, x: string, y: string) =>
    x < y ? -1 : x > y ? 1 : a.mask - b.mask;
  const lines = [JSON.stringify({ format: FORMAT, versions: releases.map((r) => r.minor) })];
  for (const k of [...kinds.values()].sort((a, b) => byName(a, b, a.key, b.key)))
    lines.push(`["K",${k.mask},${JSON.stringify(k.key)},${JSON.stringify(k.definition)}]`);
  for (const d of [...definitions.values()].sort((a, b) => byName(a, b, a.name, b.name)))
    lines.push(`["D",${d.mask},${JSON.stringify(d.name)},${d.body}]`);
  const gz = gzipSync(`${lines.join('\n')}\n`, { level: 9 });
  writeFileSync(join(OUT, 'kubernetes.jsonl.gz'), gz);
  console.log(
    `schemas/kubernetes.jsonl.gz: ${releases.length} minors, ${kinds.size} kind rows, ${definitions.size} distinct definitions, ${(gz.length / 1024).toFixed(1)} KiB`,
  );
  return gz.length;
}

function writeIndex(releases: ReleaseData[], apiModules: Record<string, { version: string; sum: string }[]>) {
  const index = {
    format: FORMAT,
    versions: releases.map((r) => r.minor),
    sources: Object.fromEntries(
      releases.map((r) => [
        r.minor,
        {
          kubernetes: `k8s.io/kubernetes ${r.kubernetes.version} ${r.kubernetes.sum}`,
          openapi: r.set.format === 'v3' ? 'api/openapi-spec/v3' : 'api/openapi-spec/swagger.json',
          enums:
            r.enumsFrom === r.minor
              ? 'pkg/generated/openapi'
              : r.enumsFrom
                ? `backfilled from ${r.enumsFrom}`
                : 'none',
        },
      ]),
    ),
    lifecycle: apiModules,
  };
  writeFileSync(join(OUT, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
}

function writeLifecycle(rows: LifecycleRow[], newest: string): void {
  const text = `// Generated by scripts/build-schemas.ts (npm run schemas) — do not edit. Every group/version/kind's lifecycle from
// the API packages of k8s.io/api, k8s.io/apiextensions-apiserver and k8s.io/kube-aggregator (their
// zz_generated.prerelease-lifecycle.go and lifecycle.go) for Kubernetes 1.20 … ${newest}: the newest release that carries
// a kind speaks for it. "openapi": removed when the published OpenAPI stops listing it (upstream publishes no
// lifecycle for it); "inferred": the replacement is the same kind in the group's stable version.
import type { ApiLifecycle } from './api-lifecycle-types.ts';

export const API_LIFECYCLE: readonly ApiLifecycle[] = ${JSON.stringify(rows, null, 2)};
`;
  writeFileSync(LIFECYCLE_TS, text);
  execFileSync(join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', LIFECYCLE_TS], {
    stdio: 'ignore',
  });
  console.log(`src/k8s/api-lifecycle.ts: ${rows.length} group/version/kinds`);
}

function main(): void {
  mkdirSync(moduleCache(), { recursive: true });
  mkdirSync(OUT, { recursive: true });
  const releases = readReleases();

  const lifecycle: { minor: string; source: string; entries: LifecycleEntry[] }[] = [];
  const apiModules: Record<string, { version: string; sum: string }[]> = {};
  for (const release of RELEASES) {
    const version = `v0.${release.split('.').slice(1).join('.')}`;
    for (const path of API_MODULES) {
      const module = downloadModule(path, version);
      apiModules[path] = [...(apiModules[path] ?? []), { version, sum: module.sum }];
      lifecycle.push({
        minor: minorOf(release),
        source: `${path}@${version}`,
        entries: moduleLifecycle(module.dir),
      });
    }
  }
  const table = buildTable(
    lifecycle,
    releases.map((r) => ({ minor: r.minor, kinds: r.set.kinds })),
  );
  for (const warning of table.warnings) console.warn(`warning: ${warning}`);

  // The old per-minor bundles (v1.NN.json.gz) are replaced by the shared file.
  for (const file of readdirSync(OUT)) if (/^v1\.\d+\.json\.gz$/.test(file)) rmSync(join(OUT, file));
  const size = writeSchemas(releases);
  writeIndex(releases, apiModules);
  writeLifecycle(table.rows, releases.at(-1)!.minor);
  console.log(`total ${(size / 1024).toFixed(0)} KiB of schemas in ${OUT}`);
}

if (process.argv[1]?.endsWith('build-schemas.ts')) main();
