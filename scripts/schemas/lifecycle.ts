// The API lifecycle Kubernetes declares for every type of a versioned API package: the release that introduced
// it, deprecated it, stops serving it, and the group/version/kind that replaces it — generated from the
// `k8s:prerelease-lifecycle-gen` tags into zz_generated.prerelease-lifecycle.go, or written by hand in
// lifecycle.go (core/v1: ComponentStatus, Endpoints). The API server calls the same methods to send its
// deprecation warnings and to stop serving removed versions.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface LifecycleEntry {
  group: string;
  version: string;
  kind: string;
  introduced?: string;
  deprecated?: string;
  removed?: string;
  replacement?: { group: string; version: string; kind: string };
  /** The package folder inside its module ("flowcontrol/v1beta1"), for citing the evidence. */
  package?: string;
}

const METHOD =
  /^func \(in \*(\w+)\) APILifecycle(Introduced|Deprecated|Removed|Replacement)\(\)[^{]*\{\n\s*return ([^\n]+)\n\}/gm;

/** One generated lifecycle file of a package whose API group is `group` (its register.go's GroupName). */
export function parseLifecycle(source: string, group: string, version: string): LifecycleEntry[] {
  const byKind = new Map<string, LifecycleEntry>();
  for (const match of source.matchAll(METHOD)) {
    const [, kind = '', method, result = ''] = match;
    let entry = byKind.get(kind);
    if (!entry) {
      entry = { group, version, kind };
      byKind.set(kind, entry);
    }
    if (method === 'Replacement') {
      const gvk = /GroupVersionKind\{Group: "([^"]*)", Version: "([^"]*)", Kind: "([^"]*)"\}/.exec(result);
      if (!gvk) throw new Error(`${group}/${version} ${kind}: unreadable replacement ${result}`);
      entry.replacement = { group: gvk[1]!, version: gvk[2]!, kind: gvk[3]! };
    } else {
      const release = /^(\d+), (\d+)$/.exec(result.trim());
      if (!release) throw new Error(`${group}/${version} ${kind}: unreadable ${method} ${result}`);
      // (0, 0) means "not set" in the generated code.
      if (release[1] === '0' && release[2] === '0') continue;
      const minor = `${release[1]}.${release[2]}`;
      if (method === 'Introduced') entry.introduced = minor;
      else if (method === 'Deprecated') entry.deprecated = minor;
      else entry.removed = minor;
    }
  }
  return [...byKind.values()];
}

const LIFECYCLE_FILES = ['zz_generated.prerelease-lifecycle.go', 'lifecycle.go'];

function lifecycleFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) lifecycleFiles(path, out);
    else if (LIFECYCLE_FILES.includes(name)) out.push(path);
  }
  return out;
}

/** Every lifecycle entry of a Go module's API packages (k8s.io/api, apiextensions-apiserver, kube-aggregator). */
export function moduleLifecycle(moduleDir: string): LifecycleEntry[] {
  // One entry per kind and package: a package's generated and hand-written files each say part of it.
  const byKind = new Map<string, LifecycleEntry>();
  for (const file of lifecycleFiles(moduleDir)) {
    const dir = join(file, '..');
    const register = join(dir, 'register.go');
    const groupName = existsSync(register)
      ? /const GroupName = "([^"]*)"/.exec(readFileSync(register, 'utf8'))?.[1]
      : undefined;
    if (groupName === undefined) throw new Error(`${relative(moduleDir, dir)}: no GroupName in register.go`);
    for (const entry of parseLifecycle(readFileSync(file, 'utf8'), groupName, dir.split('/').at(-1)!)) {
      const key = `${dir}\0${entry.kind}`;
      byKind.set(key, { ...byKind.get(key), ...entry, package: relative(moduleDir, dir) });
    }
  }
  return [...byKind.values()];
}
