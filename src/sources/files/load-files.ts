// Expands paths into manifest files, reads them defensively and parses them. One bad file never stops the rest.
import {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import { basename, join, matchesGlob, relative } from 'node:path';
import type { LoadedObject } from '../../core/object.ts';
import type { Problem, SkippedFile } from '../../core/problem.ts';
import { KUSTOMIZATION_FILES } from '../../core/rendered.ts';
import { parseManifestText } from './parse-yaml.ts';
import { renderChart, renderKustomization } from './render.ts';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.terraform', '.idea', '.vscode']);

export interface FileSourceOptions {
  /** Files larger than this are reported, not read. */
  maxFileBytes?: number;
  excludePaths?: string[];
  /** Helm values files for charts. */
  values?: string[];
  /** Read when a path is "-". */
  stdin?: () => string;
  cwd?: string;
}

export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

export interface LoadResult {
  objects: LoadedObject[];
  problems: Problem[];
  files: number;
  /** Files met while walking a directory that are not reviewed, and why (docs/decisions/0039). */
  skipped: SkippedFile[];
}

export function loadFiles(paths: readonly string[], options: FileSourceOptions = {}): LoadResult {
  const result: LoadResult = { objects: [], problems: [], files: 0, skipped: [] };
  const cwd = options.cwd ?? process.cwd();
  const excluded = (path: string) =>
    (options.excludePaths ?? []).some(
      (glob) => matchesGlob(relative(cwd, path), glob) || matchesGlob(path, glob),
    );
  for (const path of paths) {
    if (path === '-') {
      readText('<stdin>', () => (options.stdin ?? readStdin)(), result);
      continue;
    }
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch (error) {
      result.problems.push({ kind: 'input', file: path, message: `cannot read "${path}": ${reason(error)}` });
      continue;
    }
    if (stat.isDirectory()) walk(path, options, result, excluded, new Set());
    else if (!excluded(path)) readFile(path, options, result);
  }
  return result;
}

function walk(
  dir: string,
  options: FileSourceOptions,
  result: LoadResult,
  excluded: (p: string) => boolean,
  visited: Set<string>,
): void {
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
    merge(result, renderChart(dir, options.values ?? []));
    return;
  }
  const kustomization = KUSTOMIZATION_FILES.find((n) => names.has(n));
  if (kustomization) {
    merge(result, renderKustomization(dir));
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const manifest = MANIFEST_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext));
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      // Follow links like a user's shell would; a dangling one named like a manifest is reported.
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
    }
    if (isDirectory) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, options, result, excluded, visited);
    } else if (manifest && !excluded(path)) {
      readFile(path, options, result, { walked: true });
    }
  }
}

/** `walked`: met while walking a directory (not named by the user), so a non-manifest is skipped, not an error. */
interface ReadMode {
  walked?: boolean;
}

function readFile(path: string, options: FileSourceOptions, result: LoadResult, mode: ReadMode = {}): void {
  if (basename(path) === 'Chart.yaml') {
    result.problems.push({
      kind: 'input',
      file: path,
      message: 'a Chart.yaml: pass the chart directory to render it',
    });
    return;
  }
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) {
      // Reading a FIFO or a device would block or never end.
      result.problems.push({
        kind: 'input',
        file: path,
        message: `not a regular file (${fileType(stat)}); skipped`,
      });
      return;
    }
    const size = stat.size;
    if (size > max) {
      result.problems.push({
        kind: 'input',
        file: path,
        message: `file is ${mib(size)}, over the ${mib(max)} limit (raise it with --max-file-size); not read`,
      });
      return;
    }
    if (looksBinary(path)) {
      result.problems.push({
        kind: 'input',
        file: path,
        message: 'binary file (contains NUL bytes), not YAML; skipped',
      });
      return;
    }
  } catch (error) {
    result.problems.push({ kind: 'input', file: path, message: `cannot read "${path}": ${reason(error)}` });
    return;
  }
  readText(path, () => readFileSync(path, 'utf8'), result, mode);
}

function readText(file: string, read: () => string, result: LoadResult, mode: ReadMode = {}): void {
  let text: string;
  try {
    text = read();
  } catch (error) {
    result.problems.push({ kind: 'input', file, message: `cannot read "${file}": ${reason(error)}` });
    return;
  }
  result.files++;
  if (text.includes('\u0000')) {
    result.problems.push({
      kind: 'input',
      file,
      message: 'binary content (contains NUL bytes), not YAML; skipped',
    });
    return;
  }
  if (text.includes('\uFFFD') && !isValidUtf8(file)) {
    result.problems.push({ kind: 'input', file, message: 'not valid UTF-8 text; skipped' });
    return;
  }
  const parsed = parseManifestText(text, file, { skipNonKubernetes: mode.walked === true });
  if (parsed.notKubernetes) result.skipped.push({ file, reason: parsed.notKubernetes });
  else merge(result, parsed);
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

function looksBinary(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).includes(0);
  } finally {
    closeSync(fd);
  }
}

function isValidUtf8(file: string): boolean {
  if (file === '<stdin>') return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
    return true;
  } catch {
    return false;
  }
}

function readStdin(): string {
  return readFileSync(0, 'utf8');
}

function fileType(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a file';
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or directory';
  if (e.code === 'EACCES') return 'permission denied';
  return e.message ?? String(error);
}
