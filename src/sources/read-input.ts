// Reading what the user hands us — manifests, snapshots, describe text, stdin — within limits: a per-file cap, a
// total across the run, a cap on what a .gz decompresses to, and only things that end (no /dev/zero, no named pipe
// without a writer). docs/decisions/0033-hostile-input.md
import { closeSync, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const MIB = 1024 * 1024;
/** Manifest files larger than this are reported, not read (--max-file-size). */
export const DEFAULT_MAX_FILE_MIB = 32;
/** Everything read in one run together, stdin and decompressed snapshots included (--max-input-size). */
export const DEFAULT_MAX_INPUT_MIB = 512;
/** The longest string V8 makes (2^29 - 24 characters): text past this cannot be parsed at all. */
const MAX_TEXT_BYTES = 2 ** 29 - 24;

/** What a run may still read; one per command run, shared by every source it reads. */
export class InputBudget {
  readonly maxBytes: number;
  used = 0;
  constructor(maxBytes = DEFAULT_MAX_INPUT_MIB * MIB) {
    this.maxBytes = maxBytes;
  }
  get remaining(): number {
    return Math.max(0, this.maxBytes - this.used);
  }
  /** Inputs refused because the total was reached (the first says why; the rest are counted). */
  refused = 0;
  /** Refuses what would take the run over its total. */
  check(bytes: number, what: string): void {
    if (bytes <= this.remaining) return;
    this.refused++;
    throw new InputBudgetError(
      `${what} would take the input read in this run over the ${mib(this.maxBytes)} limit (${mib(this.used)} read before it); not read: raise the limit with --max-input-size`,
    );
  }
}

/** A limit or a kind of file we do not read: the message is the whole sentence for the user. */
export class InputLimitError extends Error {
  override name = 'InputLimitError';
}

/** The run's total was reached. */
export class InputBudgetError extends InputLimitError {
  override name = 'InputBudgetError';
}

export interface ReadLimits {
  /** Per input; undefined = only the run's total. */
  maxBytes?: number;
  budget?: InputBudget;
  /** The flag that raises maxBytes, named in the message. */
  maxBytesFlag?: string;
  /** Decompress gzip (by name or magic bytes), capping the output by the same limits. */
  gunzip?: boolean;
  /** What to call the input in messages (default: its quoted path). */
  label?: string;
}

/** Paths to a pipe someone is writing into: stdin, and process substitution (`<(helm template …)`). */
const OPEN_PIPE = /^\/(?:dev\/(?:stdin|fd\/\d+)|proc\/(?:self|\d+)\/fd\/\d+)$/;

/**
 * The bytes of a file or of stdin ("-"), or an InputLimitError saying why not. Filesystem errors (ENOENT, EACCES,
 * EISDIR) are thrown as they are, for the caller's message.
 */
export function readBounded(path: string, limits: ReadLimits = {}): Buffer {
  const budget = limits.budget ?? new InputBudget();
  const perInput = Math.min(limits.maxBytes ?? Number.POSITIVE_INFINITY, MAX_TEXT_BYTES);
  const what = limits.label ?? (path === '-' ? 'stdin' : `"${path}"`);
  let bytes: Buffer;
  if (path === '-') bytes = readCapped(0, perInput, budget, what, limits);
  else {
    const stat = statSync(path);
    refuseUnreadable(stat, path);
    if (stat.isFile()) {
      if (stat.size > perInput) throw overFileLimit(what, stat.size, perInput, limits);
      budget.check(stat.size, what);
    }
    const fd = openSync(path, 'r');
    try {
      bytes = readCapped(fd, perInput, budget, what, limits);
    } finally {
      closeSync(fd);
    }
  }
  if (limits.gunzip && (path.endsWith('.gz') || (bytes[0] === 0x1f && bytes[1] === 0x8b))) {
    budget.used -= bytes.length;
    const max = Math.min(perInput, budget.remaining);
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: Math.max(1, max) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw error;
      if (max === budget.remaining && max < perInput) {
        budget.refused++;
        throw new InputBudgetError(
          `${what} decompresses to more than the ${mib(max)} left of this run's ${mib(budget.maxBytes)} input limit; not read: raise the limit with --max-input-size`,
        );
      }
      const flag =
        perInput < MAX_TEXT_BYTES && limits.maxBytesFlag ? `; raise it with ${limits.maxBytesFlag}` : '';
      throw new InputLimitError(
        `${what} decompresses to more than ${mib(max)}${perInput < MAX_TEXT_BYTES ? ', over the limit for one input' : ', more text than can be parsed'}${flag}; not read`,
      );
    }
    budget.used += bytes.length;
  }
  return bytes;
}

/** The same as text; not valid UTF-8 is an InputLimitError naming the encoding when it is UTF-16 or UTF-32. */
export function readBoundedText(path: string, limits: ReadLimits = {}): string {
  return decodeText(readBounded(path, limits), path === '-' ? 'stdin' : `"${path}"`);
}

/** UTF-8 text (a BOM dropped); UTF-16/32 and other encodings are refused with the encoding named. */
export function decodeText(bytes: Buffer, what: string): string {
  const encoding = utf16or32(bytes);
  if (encoding)
    throw new InputLimitError(
      `${what} is ${encoding} text; shipshape reads UTF-8 (convert it: iconv -f ${encoding} -t UTF-8)`,
    );
  return new TextDecoder('utf-8').decode(bytes);
}

function utf16or32(bytes: Buffer): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'UTF-32LE';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32BE';
  if (a === 0xff && b === 0xfe) return 'UTF-16LE';
  if (a === 0xfe && b === 0xff) return 'UTF-16BE';
  // Without a BOM: ASCII text in UTF-16/32 puts NUL bytes beside every character, in a fixed rhythm.
  const head = bytes.subarray(0, Math.min(64, bytes.length - (bytes.length % 4)));
  if (head.length < 8) return undefined;
  const rhythm = (width: number, at: number) =>
    head.every((byte, i) => (i % width === at ? byte !== 0 : byte === 0));
  if (rhythm(4, 0)) return 'UTF-32LE';
  if (rhythm(4, 3)) return 'UTF-32BE';
  if (rhythm(2, 0)) return 'UTF-16LE';
  if (rhythm(2, 1)) return 'UTF-16BE';
  return undefined;
}

/** Devices, sockets and named pipes found as files never end or block forever: refused with the reason. */
function refuseUnreadable(stat: Stats, path: string): void {
  if (stat.isFile() || stat.isDirectory()) return;
  if (stat.isFIFO()) {
    if (OPEN_PIPE.test(path)) return;
    throw new InputLimitError(
      `"${path}" is a named pipe (FIFO), not a file: one with no writer blocks forever, so it is not read; pipe the text to stdin instead (… | shipshape <command> -)`,
    );
  }
  if (stat.isCharacterDevice() || stat.isBlockDevice())
    throw new InputLimitError(`"${path}" is a device, not a file; not read`);
  if (stat.isSocket()) throw new InputLimitError(`"${path}" is a socket, not a file; not read`);
}

let readChunk: Buffer | undefined;

/** Reads to the end, stopping with an InputLimitError past the per-input cap or the run's remaining budget. */
function readCapped(
  fd: number,
  perInput: number,
  budget: InputBudget,
  what: string,
  limits: ReadLimits,
): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  // One read buffer for the process (reads are synchronous, what is read is copied out): a fresh 1 MiB buffer
  // per file made V8 count 1 MiB of external memory per file and run a full collection every few dozen files,
  // which on 20,000 files cost more CPU than the whole review.
  readChunk ??= Buffer.allocUnsafe(MIB);
  const chunk = readChunk;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // A non-blocking stdin (some CI runners hand one over): wait for the writer.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        continue;
      }
      throw error;
    }
    if (n === 0) break;
    total += n;
    if (total > perInput) throw overFileLimit(what, total, perInput, limits, true);
    budget.check(total, what);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  budget.used += total;
  return Buffer.concat(chunks, total);
}

function overFileLimit(
  what: string,
  size: number,
  max: number,
  limits: ReadLimits,
  streaming = false,
): InputLimitError {
  const flag = limits.maxBytesFlag && max < MAX_TEXT_BYTES ? `; raise it with ${limits.maxBytesFlag}` : '';
  const sizeText = streaming ? '' : ` ${mib(size)},`;
  return new InputLimitError(`${what} is${sizeText} over the ${mib(max)} limit${flag}; not read`);
}

/** Whether fd is a terminal: reading stdin then waits for the user to type. */
export function stdinIsTerminal(): boolean {
  try {
    return fstatSync(0).isCharacterDevice() && Boolean(process.stdin.isTTY);
  } catch {
    return false;
  }
}

export function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(1)} MiB`;
}
