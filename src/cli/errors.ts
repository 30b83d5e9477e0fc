// The one place where an error that ends a command becomes what the user reads (docs/decisions/0030-safe-writes-and-failures.md).
import { Failure, findSystemError, oneLine, REASONS, type SystemError } from '../core/failure.ts';

export { errorReason } from '../core/failure.ts';

/** A mistake in how shipshape was called or configured: exit 2 with the message, no stack trace. */
export class UsageError extends Failure {
  override name = 'UsageError';
}

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
