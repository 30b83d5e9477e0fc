// Every file shipshape writes goes through here: `review --fix`, `snapshot -o`, `hygiene --plan`, apply-plan's
// backups and log. The rules (docs/decisions/0030-safe-writes-and-failures.md):
//   - a new version is written to a temporary file created exclusively (O_CREAT|O_EXCL|O_NOFOLLOW) under an
//     unpredictable name in the target's own directory, then renamed over the target: readers see the old file or
//     the new one, and a symlink planted at any name we create is never followed;
//   - a target that is a symbolic link is refused, or (where the caller allows it) its real file is written when
//     that file lies inside the paths the user named; the result says which;
//   - an existing file keeps its mode, owner and group (refused when the owner cannot be kept); a target with
//     other hard links is replaced by a new file and the other names keep the old content (said in the result);
//   - files that may hold secrets are created 0600, in directories created 0700;
//   - the caller's check (e.g. JSON.parse) runs on the exact bytes before the rename.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  type Stats,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { errorReason, Failure } from '../core/failure.ts';

export class WriteError extends Failure {
  override name = 'WriteError';
}

export interface WriteOptions {
  /** The file may hold secret values: created (or left) 0600. */
  secret?: boolean;
  /**
   * What a target that is a symbolic link means. Absent: refused. `within`: its real file is written when it lies
   * inside one of these paths (as their real paths), refused otherwise.
   */
  followSymlinkWithin?: readonly string[];
  /** Runs on the exact bytes before they replace the target; throwing refuses the write. */
  check?: (data: Buffer) => void;
}

export interface WriteResult {
  /** The path as given. */
  path: string;
  /** The file that was written: the real file when `path` is a symbolic link. */
  written: string;
  /** What the user should know: a followed symlink, broken hard links. */
  notes: string[];
}

const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** Where a write to `path` would land, and what to say about it; throws WriteError when it must not happen. */
export function resolveTarget(
  path: string,
  options: Pick<WriteOptions, 'followSymlinkWithin'> = {},
): { written: string; existing?: Stats; notes: string[] } {
  const notes: string[] = [];
  let written = path;
  let stat = lstatOrUndefined(path);
  if (stat?.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      throw new WriteError(`"${path}" is a symbolic link that leads nowhere; not written`);
    }
    const roots = options.followSymlinkWithin;
    if (!roots)
      throw new WriteError(
        `"${path}" is a symbolic link to "${real}"; not written (name the real file if that is the one you mean)`,
      );
    if (!roots.some((root) => inside(real, root)))
      throw new WriteError(`"${path}" is a symbolic link to "${real}", outside the paths given; not written`);
    written = real;
    stat = lstatOrUndefined(real);
    notes.push(`"${path}" is a symbolic link: its target "${real}" was edited`);
  } else if (options.followSymlinkWithin && !options.followSymlinkWithin.some((root) => inside(path, root))) {
    // A directory on the way may be a link out of the tree.
    throw new WriteError(`"${path}" resolves to "${realOrSelf(path)}", outside the paths given; not written`);
  }
  if (stat?.isDirectory()) throw new WriteError(`cannot write "${path}": it is a directory`);
  if (stat && !stat.isFile())
    throw new WriteError(`cannot write "${path}": not a regular file (a device, pipe or socket)`);
  if (stat && stat.nlink > 1)
    notes.push(
      `"${written}" had ${stat.nlink - 1} other hard link(s): it was replaced by a new file, the other names keep the old content`,
    );
  const directory = lstatOrUndefined(dirname(written));
  if (!directory)
    throw new WriteError(`cannot write "${path}": the directory "${dirname(written)}" does not exist`);
  return { written, ...(stat ? { existing: stat } : {}), notes };
}

/**
 * A write prepared before the slow work that produces the data (a cluster read): the temporary file exists
 * already, so an unwritable destination fails at once. `commit` replaces the target; `abort` leaves it untouched.
 */
export interface PendingWrite {
  readonly path: string;
  commit(data: string | Buffer): WriteResult;
  abort(): void;
}

export function prepareWrite(path: string, options: WriteOptions = {}): PendingWrite {
  const target = resolveTarget(path, options);
  const temporary = createTemporary(target.written, target.existing ? 0o600 : options.secret ? 0o600 : 0o666);
  let open = true;
  const abort = () => {
    if (!open) return;
    open = false;
    closeQuietly(temporary.fd);
    unlinkQuietly(temporary.path);
  };
  return {
    path,
    abort,
    commit(data) {
      if (!open) throw new WriteError(`the write of "${path}" was already finished`);
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      try {
        options.check?.(bytes);
        writeAll(temporary.fd, bytes);
        keepAttributes(temporary.fd, target.existing, target.written, options.secret === true);
        fsyncSync(temporary.fd);
        closeSync(temporary.fd);
        open = false;
        // The target may have been swapped for a symlink since it was checked: rename replaces the link itself.
        renameSync(temporary.path, target.written);
      } catch (error) {
        if (open) closeQuietly(temporary.fd);
        open = false;
        unlinkQuietly(temporary.path);
        if (error instanceof Failure) throw error;
        throw new WriteError(`cannot write "${path}": ${errorReason(error)}`, { cause: error });
      }
      return { path, written: target.written, notes: target.notes };
    },
  };
}

/** Writes a whole file safely (see the rules at the top). */
export function writeFileSafely(
  path: string,
  data: string | Buffer,
  options: WriteOptions = {},
): WriteResult {
  return prepareWrite(path, options).commit(data);
}

/** A new file that must not exist yet (a backup): O_EXCL, never through a symlink, 0600. */
export function createNewFile(path: string, data: string | Buffer): void {
  let fd: number;
  try {
    fd = openSync(path, EXCLUSIVE, 0o600);
  } catch (error) {
    throw new WriteError(`cannot create "${path}": ${errorReason(error)}`, { cause: error });
  }
  try {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } catch (error) {
    throw new WriteError(`cannot write "${path}": ${errorReason(error)}`, { cause: error });
  } finally {
    closeQuietly(fd);
  }
}

/**
 * A new private directory (0700) that must not exist yet; its parents are created as needed (0700 too). The last
 * component is created exclusively, so a planted directory or symlink there is refused.
 */
export function createPrivateDirectory(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    throw new WriteError(`cannot create the directory "${path}": ${errorReason(error)}`, { cause: error });
  }
}

/** A log written line by line (apply-plan's): created exclusively, 0600, appended and flushed per line. */
export class AppendOnlyFile {
  readonly path: string;
  private fd: number | undefined;

  constructor(path: string) {
    this.path = path;
    try {
      this.fd = openSync(path, EXCLUSIVE | constants.O_APPEND, 0o600);
    } catch (error) {
      throw new WriteError(`cannot create "${path}": ${errorReason(error)}`, { cause: error });
    }
  }

  append(text: string): void {
    if (this.fd === undefined) throw new WriteError(`"${this.path}" is closed`);
    writeAll(this.fd, Buffer.from(text));
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeQuietly(this.fd);
    this.fd = undefined;
  }
}

// ---- helpers ----

/** `.<name>.<16 random hex digits>.shipshape-tmp` beside the target. */
export function temporaryName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(8).toString('hex')}.shipshape-tmp`);
}

/** Creates the temporary file exclusively; a name already taken (by anything, a symlink included) is skipped. */
export function createTemporary(
  target: string,
  mode: number,
  nameFor: (target: string) => string = temporaryName,
): { path: string; fd: number } {
  const directory = dirname(target);
  for (let attempt = 0; ; attempt++) {
    const path = nameFor(target);
    try {
      return { path, fd: openSync(path, EXCLUSIVE, mode) };
    } catch (error) {
      // Something is already there under a name nobody could predict: try another, a few times.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 4) continue;
      throw new WriteError(`cannot write in "${directory}": ${errorReason(error)}`, { cause: error });
    }
  }
}

function keepAttributes(fd: number, existing: Stats | undefined, target: string, secret: boolean): void {
  if (!existing) return;
  const mine = fstatSync(fd);
  if (mine.uid !== existing.uid || mine.gid !== existing.gid) {
    try {
      fchownSync(fd, existing.uid, existing.gid);
    } catch {
      throw new WriteError(
        `cannot keep the owner and group of "${target}" (uid ${existing.uid}, gid ${existing.gid}) in a new file; not written`,
      );
    }
  }
  // After the chown, which clears set-id bits.
  fchmodSync(fd, secret ? existing.mode & 0o600 : existing.mode & 0o7777);
}

function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR')
      throw new WriteError(`cannot write "${path}": a part of the path is not a directory`);
    throw new WriteError(`cannot write "${path}": ${errorReason(error)}`, { cause: error });
  }
}

function realOrSelf(path: string): string {
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return resolve(path);
  }
}

/** True when `path` (its directory resolved to a real path) is `root` or inside it (real paths). */
function inside(path: string, root: string): boolean {
  const real = realOrSelf(path);
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return false;
  }
  const rel = relative(realRoot, real);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
