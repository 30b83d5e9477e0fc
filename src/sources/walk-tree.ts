// One directory walk for every file source (manifests, Prometheus rule files): entries in name order, skipped
// directory names and excluded paths left out, each real directory walked once (symbolic-link loops, a directory
// named twice), symbolic links followed only while they stay inside the tree the user named, and a directory
// that cannot be read reported as a problem, never thrown. What a file or a directory means is the caller's.
import { type Dirent, readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Problem } from '../core/problem.ts';

export interface WalkOptions {
  /** File names worth reading (e.g. by extension); links to other files are not even resolved. */
  wanted: (name: string) => boolean;
  /** Directory names never entered (.git, node_modules, …). */
  skipDirectories: ReadonlySet<string>;
  /** Paths the user excluded (files and directories). */
  excluded?: (path: string) => boolean;
  /** "inside-root": follow links that stay in the named tree (a shell's view); "never": links are not read. */
  links: 'inside-root' | 'never';
  /** Real directories already walked, shared across the paths of one run. */
  visited?: Set<string>;
  /**
   * Called with each directory's entry names before its entries are read: true when the caller took the whole
   * directory (a Helm chart, a Kustomization), so the walk does not descend. `named`: the user gave this path.
   */
  directory?: (dir: string, names: ReadonlySet<string>, named: boolean) => boolean;
  file: (path: string) => void;
  problem: (problem: Problem) => void;
}

/** Walks the directory the user named. */
export function walkTree(dir: string, options: WalkOptions): void {
  walk(dir, options, options.links === 'inside-root' ? realPath(dir) : undefined, true);
}

function walk(dir: string, options: WalkOptions, root: string | undefined, named: boolean): void {
  const { excluded = () => false, visited } = options;
  if (excluded(dir)) return;
  if (visited) {
    const real = realPath(dir);
    if (real !== undefined) {
      if (visited.has(real)) return;
      visited.add(real);
    }
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    options.problem({
      kind: 'input',
      file: dir,
      message: `cannot read directory "${dir}": ${reason(error)}`,
    });
    return;
  }
  if (options.directory?.(dir, new Set(entries.map((e) => e.name)), named)) return;
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const wanted = options.wanted(entry.name);
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      if (options.links === 'never') continue;
      // Follow links that stay inside the tree the user named, like a shell would; a dangling one named like a
      // wanted file is reported. One that leads out of the tree is not followed: a repository under review could
      // otherwise point us at ~/.kube or /etc and have what we read there printed in the report.
      let target: Stats;
      try {
        target = statSync(path);
      } catch (error) {
        if (wanted && !excluded(path))
          options.problem({
            kind: 'input',
            file: path,
            message: `cannot read "${path}": symbolic link to a missing or unreadable target (${reason(error)})`,
          });
        continue;
      }
      isDirectory = target.isDirectory();
      if ((isDirectory || wanted) && !excluded(path)) {
        const outside = outsideRoot(path, root);
        if (outside !== undefined) {
          options.problem({
            kind: 'input',
            level: 'warning',
            file: path,
            message: `symbolic link to ${isDirectory ? 'a directory' : 'a file'} outside "${root}" (${outside}); not followed (name it on the command line to read it)`,
          });
          continue;
        }
      }
    }
    if (isDirectory) {
      if (!options.skipDirectories.has(entry.name)) walk(path, options, root, false);
      // Anything else named like a wanted file is handed over: reading it reports a named pipe or a device.
    } else if (wanted && !excluded(path)) options.file(path);
  }
}

/** The real path, or undefined when it cannot be resolved (reading it reports why). */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The real target of a link when it lies outside the walked tree's real root, else undefined. */
function outsideRoot(path: string, root: string | undefined): string | undefined {
  if (root === undefined) return undefined;
  const real = realPath(path);
  if (real === undefined) return undefined;
  const inside = relative(root, real);
  const escapes = inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  return escapes ? real : undefined;
}

/** Why a file or directory could not be read, in words. */
export function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or directory';
  if (e.code === 'EACCES') return 'permission denied';
  return e.message ?? String(error);
}
