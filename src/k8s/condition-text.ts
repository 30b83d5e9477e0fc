// One wording for a status condition in evidence, without empty parentheses or a dangling colon.

/**
 * `condition Ready=False (KubeletNotReady): container runtime is down`, parts left out when absent; `detail`
 * (e.g. " for 2h") goes between the reason and the message.
 */
export function conditionText(
  type: string | undefined,
  status: string | undefined,
  reason?: unknown,
  message?: unknown,
  detail = '',
): string {
  const why = typeof reason === 'string' && reason.trim() ? ` (${reason.trim()})` : '';
  const what = typeof message === 'string' && message.trim() ? `: ${message.trim()}` : '';
  return `condition ${type ?? '?'}=${status ?? '?'}${why}${detail}${what}`;
}
