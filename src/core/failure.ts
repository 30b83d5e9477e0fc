/**
 * An expected failure: the input, the file system or the cluster said no. Its message is written for the user
 * (it names the file or server and the reason); the CLI prints it on one line and exits 2, with no stack trace.
 * Anything else that escapes a command is a bug in shipshape.
 */
export class Failure extends Error {
  override name = 'Failure';
}

/** What Node's system errors mean, in words (https://nodejs.org/api/errors.html#common-system-errors). */
export const REASONS: Readonly<Record<string, string>> = {
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

export type SystemError = Error & {
  code?: unknown;
  syscall?: unknown;
  path?: unknown;
  dest?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
};

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
export function findSystemError(error: unknown): SystemError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; depth++) {
    const code = (e as SystemError).code;
    if (typeof code === 'string' && REASONS[code]) return e as SystemError;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function oneLine(text: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return first.trim();
}
