// The Kubernetes schemas bundled under schemas/ (built by scripts/build-schemas.ts; provenance in schemas/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { packagePath } from '../package-dir.ts';
import { setManifest } from './compiled.ts';
import type { SchemaSet } from './validator.ts';

const SCHEMA_DIR = packagePath('schemas');

interface BundleIndex {
  versions: string[];
  package: string;
  packageVersion: string;
}

interface Bundle {
  kubernetesVersion: string;
  kinds: Record<string, string>;
  definitions: Record<string, unknown>;
}

let indexCache: BundleIndex | undefined;

function bundleIndex(): BundleIndex {
  indexCache ??= JSON.parse(readFileSync(join(SCHEMA_DIR, 'index.json'), 'utf8')) as BundleIndex;
  return indexCache;
}

/** Bundled minor versions, oldest first, e.g. ["1.25", …, "1.37"]. */
export function bundledVersions(): readonly string[] {
  return bundleIndex().versions;
}

export function newestBundledVersion(): string {
  const versions = bundledVersions();
  return versions[versions.length - 1]!;
}

export function minorOf(version: string): number {
  const match = /^v?1\.(\d+)/.exec(version);
  return match ? Number(match[1]) : Number.NaN;
}

/** The bundled version used for a target: the exact minor, else the nearest one (ties go to the newer). */
export function resolveBundledVersion(requested: string | undefined): { version: string; exact: boolean } {
  const versions = bundledVersions();
  if (!requested) return { version: newestBundledVersion(), exact: true };
  const want = minorOf(requested);
  if (versions.includes(`1.${want}`)) return { version: `1.${want}`, exact: true };
  let best = newestBundledVersion();
  for (const version of versions) {
    const distance = Math.abs(minorOf(version) - want);
    if (
      distance < Math.abs(minorOf(best) - want) ||
      (distance === Math.abs(minorOf(best) - want) && minorOf(version) > minorOf(best))
    )
      best = version;
  }
  return { version: best, exact: false };
}

const sets = new Map<string, SchemaSet>();

function readBundle(version: string): Bundle {
  return JSON.parse(
    gunzipSync(readFileSync(join(SCHEMA_DIR, `v${version}.json.gz`))).toString('utf8'),
  ) as Bundle;
}

/**
 * The schema set of one bundled minor version, read and unzipped once per process. In the package, its kinds
 * and validators come from the manifest the build wrote (compiled.ts), and the definitions are read only when
 * something needs them (an error's hint, a definition without a precompiled validator).
 */
export function bundledSchemaSet(version: string): SchemaSet {
  let set = sets.get(version);
  if (!set) {
    const id = `kubernetes-${version}`;
    const label = `Kubernetes ${version}`;
    const manifest = setManifest(id);
    if (manifest) {
      let definitions: Bundle['definitions'] | undefined;
      set = {
        id,
        label,
        kinds: new Map(Object.entries(manifest.kinds)),
        get definitions() {
          definitions ??= readBundle(version).definitions;
          return definitions;
        },
        precompiled: new Map(Object.entries(manifest.validators)),
      };
    } else {
      const bundle = readBundle(version);
      set = { id, label, kinds: new Map(Object.entries(bundle.kinds)), definitions: bundle.definitions };
    }
    sets.set(version, set);
  }
  return set;
}
