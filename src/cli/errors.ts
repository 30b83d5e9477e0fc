/** A mistake in how shipshape was called or configured: exit 2 with the message, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
