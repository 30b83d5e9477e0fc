// Expands paths into manifest files, reads them defensively and parses them. One bad file never stops the rest.
import { readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import { basename, isAbsolute, join, matchesGlob, relative, sep } from 'node:path';
import type { LoadedObject } from '../../core/object.ts';
import type { Problem, SkippedFile } from '../../core/problem.ts';
import { KUSTOMIZATION_FILES } from '../../core/rendered.ts';
import {
  DEFAULT_MAX_FILE_MIB,
  decodeText,
  type InputBudget,
  InputBudgetError,
  InputLimitError,
  mib,
  readBounded,
  stdinIsTerminal,
} from '../read-input.ts';
import { parseManifestText } from './parse-yaml.ts';
import { type HelmOptions, renderChart, renderKustomization } from './render.ts';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.terraform', '.idea', '.vscode']);

export interface FileSourceOptions {
  /** Files larger than this are reported, not read. */
  maxFileBytes?: number;
  excludePaths?: string[];
  /** Helm values files for charts. */
  values?: string[];
  /** What helm is told about the target cluster (--kube-version, --api-versions). */
  helm?: HelmOptions;
  /** Read when a path is "-" (tests); else stdin itself, within the limits. */
  stdin?: () => string;
  /** The run's total input limit, shared with every other source the command reads. */
  budget?: InputBudget;
  cwd?: string;
}

export interface LoadResult {
  objects: LoadedObject[];
  problems: Problem[];
  files: number;
  /** Files met while walking a directory that are not reviewed, and why (docs/decisions/0039). */
  skipped: SkippedFile[];
}

/** One loadFiles call: what it was asked, what it has read. */
interface Reading {
  options: FileSourceOptions;
  result: LoadResult;
  excluded: (path: string) => boolean;
  /** Real directories walked (symlink loops, a directory named twice). */
  visited: Set<string>;
  /** Real path of each file read → the path it was first read as. */
  seen: Map<string, string>;
  /** Real paths of the files the run's Kustomize builds read. */
  used: Set<string>;
}

export function loadFiles(paths: readonly string[], options: FileSourceOptions = {}): LoadResult {
  const result: LoadResult = { objects: [], problems: [], files: 0, skipped: [] };
  const cwd = options.cwd ?? process.cwd();
  const excluded = (path: string) =>
    (options.excludePaths ?? []).some(
      (glob) => matchesGlob(relative(cwd, path), glob) || matchesGlob(path, glob),
    );
  const reading: Reading = {
    options,
    result,
    excluded,
    visited: new Set(),
    seen: new Map(),
    used: new Set(),
  };
  const refusedBefore = options.budget?.refused ?? 0;
  let stdinRead = false;
  for (const path of paths) {
    if (path === '-') {
      if (stdinRead) {
        result.problems.push({
          kind: 'input',
          level: 'warning',
          file: '<stdin>',
          message: '"-" (stdin) is given more than once; it is read once',
        });
        continue;
      }
      stdinRead = true;
      readText('-', '<stdin>', options, result);
      continue;
    }
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch (error) {
      result.problems.push({ kind: 'input', file: path, message: `cannot read "${path}": ${reason(error)}` });
      continue;
    }
    if (stat.isDirectory()) walk(path, reading, realRoot(path), true);
    else if (!excluded(path)) readFile(path, reading);
  }
  result.skipped = result.skipped.filter((s) => !reachedByABuild(s.file, reading.used));
  const unlisted = (options.budget?.refused ?? 0) - Math.max(1, refusedBefore);
  if (unlisted > 0)
    result.problems.push({
      kind: 'input',
      message: `${unlisted} more file${unlisted === 1 ? '' : 's'} not read: the run's input limit of ${mib(options.budget!.maxBytes)} was reached (raise it with --max-input-size)`,
    });
  return result;
}

/** `named`: the directory is a path the user gave, not one met while walking. */
function walk(dir: string, reading: Reading, root: string | undefined, named = false): void {
  const { options, result, excluded, visited } = reading;
  if (excluded(dir)) return;
  // Symlinked directories can form loops: walk each real directory once.
  try {
    const real = realpathSync(dir);
    if (visited.has(real)) return;
    visited.add(real);
  } catch {
    // readdirSync below reports the failure.
  }
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    result.problems.push({
      kind: 'input',
      file: dir,
      message: `cannot read directory "${dir}": ${reason(error)}`,
    });
    return;
  }
  const names = new Set(entries.map((e) => e.name));
  if (names.has('Chart.yaml')) {
    merge(result, renderChart(dir, options.values ?? [], options.helm, !named));
    return;
  }
  const kustomization = KUSTOMIZATION_FILES.find((n) => names.has(n));
  if (kustomization) {
    const build = renderKustomization(dir);
    for (const file of build.used ?? []) reading.used.add(file);
    merge(result, build);
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const manifest = MANIFEST_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext));
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      // Follow links that stay inside the tree the user named, like a shell would; a dangling one named like a
      // manifest is reported. One that leads out of the tree is not followed: a repository under review could
      // otherwise point us at ~/.kube or /etc and have what we read there printed in the report.
      let target: Stats;
      try {
        target = statSync(path);
      } catch (error) {
        if (manifest && !excluded(path))
          result.problems.push({
            kind: 'input',
            file: path,
            message: `cannot read "${path}": symbolic link to a missing or unreadable target (${reason(error)})`,
          });
        continue;
      }
      isDirectory = target.isDirectory();
      if ((isDirectory || manifest) && !excluded(path)) {
        const outside = outsideRoot(path, root);
        if (outside !== undefined) {
          result.problems.push({
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
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, reading, root);
    } else if (manifest && !excluded(path)) {
      readFile(path, reading, { walked: true });
    }
  }
}

/** `walked`: met while walking a directory (not named by the user), so a non-manifest is skipped, not an error. */
interface ReadMode {
  walked?: boolean;
}

function realRoot(dir: string): string | undefined {
  try {
    return realpathSync(dir);
  } catch {
    return undefined;
  }
}

/** The real target of a link when it lies outside the walked tree's real root, else undefined. */
function outsideRoot(path: string, root: string | undefined): string | undefined {
  if (root === undefined) return undefined;
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return undefined;
  }
  const inside = relative(root, real);
  const escapes = inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  return escapes ? real : undefined;
}

function readFile(path: string, { options, result, seen }: Reading, mode: ReadMode = {}): void {
  const real = realRoot(path) ?? path;
  const first = seen.get(real);
  if (first !== undefined) {
    // Read twice, every object in it would be reported as its own duplicate.
    result.problems.push({
      kind: 'input',
      level: 'warning',
      file: path,
      message: `the same file as "${first}", given twice; read once`,
    });
    return;
  }
  seen.set(real, path);
  if (basename(path) === 'Chart.yaml') {
    result.problems.push({
      kind: 'input',
      file: path,
      message: 'a Chart.yaml: pass the chart directory to render it',
    });
    return;
  }
  readText(path, path, options, result, mode);
}

function readText(
  path: string,
  file: string,
  options: FileSourceOptions,
  result: LoadResult,
  mode: ReadMode = {},
): void {
  let text: string;
  try {
    const bytes =
      options.stdin && path === '-' ? Buffer.from(options.stdin()) : readManifestBytes(path, options);
    result.files++;
    text = decodeText(bytes, path === '-' ? 'stdin' : 'the file');
    if (text.includes('\u0000')) {
      result.problems.push({
        kind: 'input',
        file,
        message: 'binary content (contains NUL bytes), not YAML; skipped',
      });
      return;
    }
    if (text.includes('\uFFFD') && !isValidUtf8(bytes)) {
      result.problems.push({ kind: 'input', file, message: 'not valid UTF-8 text; skipped' });
      return;
    }
  } catch (error) {
    // Past the run's total only the first refusal is listed; loadFiles counts the rest in one line.
    if (error instanceof InputBudgetError && (options.budget?.refused ?? 0) > 1) return;
    const message =
      error instanceof InputLimitError ? error.message : `cannot read "${file}": ${reason(error)}`;
    result.problems.push({ kind: 'input', file, message });
    return;
  }
  const parsed = parseManifestText(text, file, { skipNonKubernetes: mode.walked === true });
  if (parsed.notKubernetes) result.skipped.push({ file, reason: parsed.notKubernetes });
  else merge(result, parsed);
}

function readManifestBytes(path: string, options: FileSourceOptions): Buffer {
  if (path === '-' && stdinIsTerminal())
    process.stderr.write('shipshape: reading manifests from the terminal (end with Ctrl-D)\n');
  return readBounded(path, {
    maxBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_MIB * 1024 * 1024,
    ...(options.budget ? { budget: options.budget } : {}),
    maxBytesFlag: '--max-file-size',
    label: path === '-' ? 'stdin' : 'the file',
  });
}

function merge(
  result: LoadResult,
  part: { objects: LoadedObject[]; problems: Problem[]; files?: number; skipped?: SkippedFile[] },
): void {
  for (const o of part.objects) result.objects.push(o);
  for (const p of part.problems) result.problems.push(p);
  for (const s of part.skipped ?? []) result.skipped.push(s);
  result.files += part.files ?? 0;
}

/** A skipped file or directory that some Kustomize build of the run read (from), so it was reviewed after all. */
function reachedByABuild(path: string, used: ReadonlySet<string>): boolean {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return false;
  }
  if (used.has(real)) return true;
  const inside = `${real}${sep}`;
  for (const file of used) if (file.startsWith(inside)) return true;
  return false;
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or directory';
  if (e.code === 'EACCES') return 'permission denied';
  return e.message ?? String(error);
}
