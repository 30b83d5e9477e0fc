// A per-user, on-disk cache of compiled validation code (ajv standalone code, one file per schema definition:
// compiled.ts), so a run does not pay ajv's compilation again (ADR 0028, 0043). Every failure — unreadable or read-only directory,
// corrupt or truncated file, a concurrent writer — is a cache miss: the caller compiles as if there were no cache.
import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cacheBase } from '../core/cache-dir.ts';

/** The subdirectory of the cache; bump the suffix when the file layout below changes. */
const SUBDIR = 'validators-1';
const HEADER = '// shipshape compiled validator ';

export interface CacheStats {
  hits: number;
  misses: number;
  writes: number;
  /** Reads or writes that failed and fell back to compiling (corrupt file, read-only directory, …). */
  failures: number;
}

const stats: CacheStats = { hits: 0, misses: 0, writes: 0, failures: 0 };

/** Counters of this process, for tests and --debug style diagnostics. */
export function cacheStats(): Readonly<CacheStats> {
  return { ...stats };
}

/**
 * The validators' directory in the cache directory (src/core/cache-dir.ts); undefined when SHIPSHAPE_CACHE=off
 * (or 0, false, no) or no home directory is known.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const base = cacheBase(env);
  return base && join(base, SUBDIR);
}

/**
 * The directory of one generation of the code generator (ajv version and our code, see validator.ts): a new
 * shipshape release writes into a new one, and old generations nobody wrote to for two weeks are removed.
 */
export function generationDir(base: string, generation: string): string | undefined {
  return GENERATION.test(generation) ? join(base, generation) : undefined;
}

const GENERATION = /^[0-9a-f]{16}$/;
const STALE_GENERATION_MS = 14 * 24 * 3600 * 1000;
const STALE_TEMP_MS = 10 * 60 * 1000;

/** Removes what a killed writer left (old temporary files) and, when `dir` is new, stale sibling generations. */
function tidy(dir: string, created: boolean): void {
  const now = Date.now();
  const remove = (path: string, maxAge: number) => {
    try {
      if (now - statSync(path).mtimeMs > maxAge) rmSync(path, { recursive: true, force: true });
    } catch {
      // gone already, or not ours to remove
    }
  };
  try {
    for (const name of readdirSync(dir)) if (name.endsWith('.tmp')) remove(join(dir, name), STALE_TEMP_MS);
    if (!created || !GENERATION.test(basename(dir))) return;
    const base = dirname(dir);
    for (const name of readdirSync(base))
      if (GENERATION.test(name) && name !== basename(dir)) remove(join(base, name), STALE_GENERATION_MS);
  } catch {
    // tidying is best effort
  }
}

/** A stable key for everything that determines the generated code. */
export function cacheKey(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:${part}\u0000`);
  return hash.digest('hex');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function fileOf(dir: string, key: string): string {
  return join(dir, `${key}.js`);
}

/**
 * The cached code for a key, checked against the digest in its header (a truncated or altered file is a miss)
 * and refused unless it is a regular file owned by this user and writable by no one else; undefined when absent,
 * unreadable, corrupt or refused.
 */
export function readCode(key: string, dir: string | undefined = cacheDir()): string | undefined {
  if (!dir || !/^[0-9a-f]{64}$/.test(key)) return undefined;
  let text: string;
  let fd: number | undefined;
  try {
    fd = openSync(fileOf(dir, key), 'r');
  } catch {
    stats.misses++;
    return undefined;
  }
  try {
    // The file is code we will run: only one this user wrote and nobody else can change.
    const stat = fstatSync(fd);
    // (POSIX only: Windows has no uid and reports every writable file as 0o666.)
    const uid = process.getuid?.();
    if (!stat.isFile() || (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0))) {
      stats.failures++;
      return undefined;
    }
    text = readFileSync(fd, 'utf8');
  } catch {
    stats.failures++;
    return undefined;
  } finally {
    closeSync(fd);
  }
  const newline = text.indexOf('\n');
  const header = newline < 0 ? '' : text.slice(0, newline);
  const body = newline < 0 ? '' : text.slice(newline + 1);
  if (header !== `${HEADER}${key} ${sha256(body)}`) {
    stats.failures++;
    return undefined;
  }
  return body;
}

/**
 * Stores code under a key atomically: written to a temporary file in the same directory, then renamed over the
 * final name, so readers see the old file, the new one or none, never a part (no fsync: a file torn by a crash
 * fails the digest check and is a miss). Failures are silent.
 */
export function writeCode(key: string, code: string, dir: string | undefined = cacheDir()): boolean {
  if (!dir || !/^[0-9a-f]{64}$/.test(key)) return false;
  const target = fileOf(dir, key);
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  let fd: number | undefined;
  try {
    const created = mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined;
    tidy(dir, created);
    fd = openSync(temp, 'wx', 0o600);
    writeSync(fd, `${HEADER}${key} ${sha256(code)}\n${code}`);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
    stats.writes++;
    return true;
  } catch {
    stats.failures++;
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed or never opened: nothing to release
      }
    }
    try {
      rmSync(temp, { force: true });
    } catch {
      // the directory is not writable: no temporary file was left either
    }
    return false;
  }
}

/**
 * Evaluates CommonJS-style code (`module.exports = …`) with a require limited to the given modules; undefined when
 * it throws or does not evaluate to a function.
 */
export function evaluateCode(code: string, modules: (id: string) => unknown): unknown {
  try {
    const module = { exports: {} as unknown };
    const require = (id: string): unknown => {
      const value = modules(id);
      if (value === undefined) throw new Error(`compiled validator requires an unknown module ${id}`);
      return value;
    };
    new Function('module', 'exports', 'require', code)(module, module.exports, require);
    if (typeof module.exports !== 'function') throw new Error('compiled validator exports no function');
    return module.exports;
  } catch {
    return undefined;
  }
}

/** The cached code for a key, evaluated (evaluateCode); undefined, counted as a miss or a failure, if unusable. */
export function loadCode(key: string, dir: string | undefined, modules: (id: string) => unknown): unknown {
  const code = readCode(key, dir);
  if (code === undefined) return undefined;
  const value = evaluateCode(code, modules);
  if (value === undefined) stats.failures++;
  else stats.hits++;
  return value;
}
