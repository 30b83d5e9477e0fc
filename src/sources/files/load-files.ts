// Expands paths into manifest files, reads them defensively and parses them. One bad file never stops the rest.
import { realpathSync, statSync } from 'node:fs';
import { basename, matchesGlob, relative, sep } from 'node:path';
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
import { realPath, reason, walkTree } from '../walk-tree.ts';
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
    if (stat.isDirectory()) walk(path, reading);
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

/** Walks a directory the user named: charts and Kustomizations are rendered whole, manifests read one by one. */
function walk(dir: string, reading: Reading): void {
  const { options, result, excluded, visited } = reading;
  walkTree(dir, {
    wanted: (name) => MANIFEST_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)),
    skipDirectories: SKIPPED_DIRECTORIES,
    excluded,
    links: 'inside-root',
    visited,
    directory: (path, names, named) => {
      if (names.has('Chart.yaml')) {
        merge(result, renderChart(path, options.values ?? [], options.helm, !named));
        return true;
      }
      const kustomization = KUSTOMIZATION_FILES.find((n) => names.has(n));
      if (!kustomization) return false;
      const build = renderKustomization(path);
      for (const file of build.used ?? []) reading.used.add(file);
      merge(result, build);
      return true;
    },
    file: (path) => readFile(path, reading, { walked: true }),
    problem: (problem) => result.problems.push(problem),
  });
}

/** `walked`: met while walking a directory (not named by the user), so a non-manifest is skipped, not an error. */
interface ReadMode {
  walked?: boolean;
}

function readFile(path: string, { options, result, seen }: Reading, mode: ReadMode = {}): void {
  const real = realPath(path) ?? path;
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
