// Files in a Kustomize directory that its kustomization does not use. `kustomize build` reads only what the
// kustomization lists, so a manifest left out of `resources:` (or a patch left out of `patches:`) is silently never
// deployed — and never reviewed. Such files are named in the report's `skipped` list (docs/decisions/0039).
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { SkippedFile } from '../../core/problem.ts';
import { KUSTOMIZATION_FILES } from '../../core/rendered.ts';
import { readSmall, realOrUndefined } from './kustomize-origin.ts';
import { parseManifestText } from './parse-yaml.ts';

const MANIFEST = /\.(?:ya?ml|json)$/i;
const IGNORED_DIRECTORIES = new Set(['.git', 'node_modules', '.terraform', '.idea', '.vscode']);
/** Bounds the walk: a kustomization directory is a handful of files, not a repository. */
const MAX_ENTRIES = 5000;
const MAX_KUSTOMIZATION_BYTES = 1024 * 1024;
/** An unlisted file is parsed to tell a forgotten manifest from a dashboard or tool config; larger ones are not. */
const MAX_SNIFFED_BYTES = 4 * 1024 * 1024;

/**
 * The YAML/JSON files under `dir` that neither its kustomization file mentions (by path relative to it) nor the
 * build read (`used`: real paths from the origin annotations). Subdirectories with their own kustomization are
 * followed when the parent mentions them (their files are checked against their own kustomization), else named
 * as not built; Helm chart directories (a kustomization's `helmCharts` home) are left alone.
 */
export function unlistedFiles(dir: string, used: ReadonlySet<string>): SkippedFile[] {
  const out: SkippedFile[] = [];
  const budget = { entries: MAX_ENTRIES };
  check(dir, used, out, budget, new Set());
  return out;
}

function check(
  dir: string,
  used: ReadonlySet<string>,
  out: SkippedFile[],
  budget: { entries: number },
  visited: Set<string>,
): void {
  const real = realOrUndefined(dir);
  if (!real || visited.has(real)) return;
  visited.add(real);
  const names = listNames(dir);
  const kustomization = KUSTOMIZATION_FILES.find((n) => names?.some((e) => e.name === n));
  if (!names || !kustomization) return;
  const text = readSmall(join(dir, kustomization), MAX_KUSTOMIZATION_BYTES);
  if (text === undefined) return;
  const mentioned = (path: string) => mentions(text, relative(dir, path));
  const visit = (current: string, entries: Dirent[]) => {
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (--budget.entries < 0) return;
      const path = join(current, entry.name);
      const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && isDirectoryPath(path));
      if (isDirectory) {
        if (IGNORED_DIRECTORIES.has(entry.name)) continue;
        const inner = listNames(path);
        if (!inner) continue;
        if (inner.some((e) => e.name === 'Chart.yaml')) continue;
        const own = KUSTOMIZATION_FILES.find((n) => inner.some((e) => e.name === n));
        if (own) {
          // Listed here, or reached through another kustomization of the build (an overlay's `../base`).
          if (mentioned(path) || holdsUsed(path, used)) check(path, used, out, budget, visited);
          else if (isComponent(join(path, own)))
            out.push({
              file: path,
              reason: `a Kustomize component that ${join(dir, kustomization)} does not use: not reviewed (a component is reviewed through a kustomization that lists it)`,
            });
          else
            out.push({
              file: path,
              reason: `a kustomization that ${join(dir, kustomization)} does not list: not built, so not reviewed (name it to review it)`,
            });
          continue;
        }
        visit(path, inner);
        continue;
      }
      if (!MANIFEST.test(entry.name) || path === join(dir, kustomization)) continue;
      if (mentioned(path)) continue;
      const realFile = realOrUndefined(path);
      if (realFile && used.has(realFile)) continue;
      out.push({
        file: path,
        reason:
          notAManifest(path) ??
          `not listed in ${join(dir, kustomization)}: kustomize does not build it, so it was not reviewed`,
      });
    }
  };
  visit(dir, names);
}

/**
 * Why an unlisted file is not a manifest at all (a Grafana dashboard beside a kustomization, a linter's config):
 * "not listed" would invite the user to add it to `resources:`. Unreadable or large files keep "not listed".
 */
function notAManifest(path: string): string | undefined {
  const text = readSmall(path, MAX_SNIFFED_BYTES);
  return text === undefined
    ? undefined
    : parseManifestText(text, path, { skipNonKubernetes: true }).notKubernetes;
}

/** Some file the build read lies under the directory. */
function holdsUsed(dir: string, used: ReadonlySet<string>): boolean {
  const real = realOrUndefined(dir);
  if (!real) return false;
  for (const file of used) if (file.startsWith(`${real}${sep}`)) return true;
  return false;
}

/** A `kind: Component` kustomization: it cannot be built alone. */
function isComponent(file: string): boolean {
  return /^kind:[ \t]*Component[ \t]*\r?$/m.test(readSmall(file, MAX_KUSTOMIZATION_BYTES) ?? '');
}

/** The kustomization names the path (as written, with or without `./`, with either separator). */
function mentions(text: string, path: string): boolean {
  const slashed = path.split(sep).join('/');
  const pattern = new RegExp(`(?:^|[\\s"'\\[,:=])(?:\\./)?${escapeRegExp(slashed)}/?(?=$|[\\s"'\\],#])`, 'm');
  return pattern.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function listNames(dir: string): Dirent[] | undefined {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
}

function isDirectoryPath(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
