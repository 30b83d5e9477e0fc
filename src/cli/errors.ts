// The one place where an error that ends a command becomes what the user reads (docs/decisions/0030-safe-writes-and-failures.md).
import { Failure } from '../core/failure.ts';

/** A mistake in how shipshape was called or configured: exit 2 with the message, no stack trace. */
export class UsageError extends Failure {
  override name = 'UsageError';
}

/** What Node's system errors mean, in words (https://nodejs.org/api/errors.html#common-system-errors). */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many levels of symbolic links',
  EEXIST: 'it already exists',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  EXDEV: 'it is on another file system',
  EBUSY: 'the resource is busy',
  EINVAL: 'invalid argument',
  EPIPE: 'the reader closed the pipe',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset (socket hang up)',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed (temporary)',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate chain is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the server certificate issuer is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate does not name this host',
};

/** What the system call was doing, for "cannot <verb> "<path>"". */
const VERBS: Readonly<Record<string, string>> = {
  open: 'open',
  read: 'read',
  write: 'write',
  close: 'write',
  scandir: 'read the directory',
  opendir: 'read the directory',
  stat: 'read',
  lstat: 'read',
  realpath: 'resolve',
  mkdir: 'create the directory',
  rename: 'replace',
  unlink: 'remove',
  rmdir: 'remove',
  copyfile: 'copy',
  fsync: 'write',
  chmod: 'set the permissions of',
  fchmod: 'set the permissions of',
  fchown: 'set the owner of',
  chown: 'set the owner of',
  connect: 'connect to',
  getaddrinfo: 'look up',
  spawn: 'run',
};

type SystemError = Error & {
  code?: unknown;
  syscall?: unknown;
  path?: unknown;
  dest?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
};

/**
 * The one-line message for an error that ended a command, and whether it is a bug (an error nobody expected, whose
 * stack trace helps us). Expected failures (Failure and its kinds) and system errors (file system, network) are not.
 */
export function describeError(error: unknown): { message: string; bug: boolean } {
  if (error instanceof Failure) return { message: error.message, bug: false };
  const system = findSystemError(error);
  if (system) {
    const outer = error instanceof Error && error !== system ? `${oneLine(error.message)}: ` : '';
    return { message: `${outer}${systemMessage(system)}`, bug: false };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { message: `internal error: ${oneLine(text)}`, bug: true };
}

/**
 * The reason of an error in words, for a message that already names the file or server: "no such file or
 * directory (ENOENT)" rather than "ENOENT: no such file or directory, open 'x'".
 */
export function errorReason(error: unknown): string {
  const system = findSystemError(error);
  if (system && typeof system.code === 'string') return `${REASONS[system.code]} (${system.code})`;
  return oneLine(error instanceof Error ? error.message : String(error));
}

/** The first error in the cause chain that carries a system error code. */
function findSystemError(error: unknown): SystemError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; depth++) {
    const code = (e as SystemError).code;
    if (typeof code === 'string' && REASONS[code]) return e as SystemError;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function systemMessage(e: SystemError): string {
  const code = String(e.code);
  const reason = REASONS[code] ?? code;
  const syscall = typeof e.syscall === 'string' ? e.syscall : '';
  const verb = VERBS[syscall] ?? (syscall || 'use');
  if (typeof e.path === 'string') {
    const dest = typeof e.dest === 'string' ? ` to "${e.dest}"` : '';
    return `cannot ${verb} "${e.path}"${dest}: ${reason} (${code})`;
  }
  if (typeof e.address === 'string') {
    const port = typeof e.port === 'number' ? `:${e.port}` : '';
    return `cannot ${verb} ${e.address}${port}: ${reason} (${code})`;
  }
  if (typeof e.hostname === 'string') return `cannot ${verb} ${e.hostname}: ${reason} (${code})`;
  return syscall ? `cannot ${verb}: ${reason} (${code})` : `${oneLine(e.message)} (${code})`;
}

function oneLine(text: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return first.trim();
}
