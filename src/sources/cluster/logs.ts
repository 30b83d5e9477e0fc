// The log tail behind a diagnosis (`diagnose --logs`): which container of which pod to read, the pods/log GET
// through our cluster client, and making what comes back safe to print (no terminal escapes, no secret-looking
// values, bounded lines). A log that cannot be read is a note on the cause, never a failure of the run.
import type { ObjectIndex } from '../../core/index.ts';
import type { KubeObject } from '../../core/object.ts';
import type { Cause, CauseLog, Report } from '../../core/report.ts';
import { containerStatuses, type StatusAt } from '../../k8s/pod-status.ts';
import { type RedactionState, redactLine } from '../../k8s/redact.ts';
import { ApiError, type ClusterClient } from './client.ts';

export interface LogTarget {
  namespace: string;
  pod: string;
  container: string;
  /** Read the previous (crashed) instance of the container: that is where the crash is. */
  previous: boolean;
}

export interface LogOptions {
  /** Lines from the end of the log (the API's tailLines). */
  tailLines: number;
  /** Upper bound on the bytes the API server sends (the API's limitBytes). */
  limitBytes?: number;
  /** Longer lines are cut, saying how much was left out. */
  maxLineLength?: number;
}

export const DEFAULT_LOG_LINES = 20;
export const MAX_LOG_LINES = 1000;
export const LOG_LIMIT_BYTES = 64 * 1024;
export const MAX_LINE_LENGTH = 300;
/** One representative pod per cause, for at most this many causes (in rank order). */
export const MAX_LOG_CAUSES = 10;
const CONCURRENCY = 4;

export function logPath(target: LogTarget, options: LogOptions): string {
  const query = new URLSearchParams({
    container: target.container,
    tailLines: String(options.tailLines),
    limitBytes: String(options.limitBytes ?? LOG_LIMIT_BYTES),
    previous: String(target.previous),
  });
  return `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.pod)}/log?${query}`;
}

// ---------------------------------------------------------------------------------------------
// Which container's log tells the story

const STATUS_PATH = /^status\.(containerStatuses|initContainerStatuses)\[(\d+)\]/;

/** The instance that crashed, when the container has restarted after terminating. */
function hasPreviousInstance(at: StatusAt): boolean {
  return (at.status.restartCount ?? 0) > 0 && at.status.lastState?.terminated !== undefined;
}

function hasStarted(at: StatusAt): boolean {
  return hasPreviousInstance(at) || Boolean(at.status.state?.running || at.status.state?.terminated);
}

/** Lower is more telling: crash loop, restarted after a crash, terminated with an error, running unready. */
function rank(at: StatusAt): number {
  const { status } = at;
  if (status.state?.waiting?.reason === 'CrashLoopBackOff' && hasPreviousInstance(at)) return 0;
  if (hasPreviousInstance(at)) return 1;
  const terminated = status.state?.terminated;
  if (terminated && terminated.exitCode !== 0) return 2;
  if (status.state?.running && status.ready === false) return 3;
  if (status.state?.running || terminated) return 4;
  return Number.POSITIVE_INFINITY;
}

/**
 * The container to read for a pod a finding is about: the one the finding points at (its path names a container
 * status), else the most telling one. Undefined when no container has run (never scheduled, image not pulled,
 * configuration missing): there is no log to read then.
 */
export function logTargetFor(pod: KubeObject, findingPath?: string): LogTarget | undefined {
  const name = pod.metadata?.name;
  const namespace = pod.metadata?.namespace;
  const nodeName = (pod.spec as { nodeName?: unknown } | undefined)?.nodeName;
  if (typeof name !== 'string' || typeof namespace !== 'string') return undefined;
  if (typeof nodeName !== 'string' || nodeName === '') return undefined;
  const statuses = containerStatuses(pod).filter((at) => typeof at.status.name === 'string');
  let chosen: StatusAt | undefined;
  const pointed = STATUS_PATH.exec(findingPath ?? '');
  if (pointed) {
    const kind = pointed[1] === 'containerStatuses' ? 'containers' : 'initContainers';
    chosen = statuses.find((at) => at.kind === kind && at.index === Number(pointed[2]));
    if (chosen && !hasStarted(chosen)) return undefined;
  }
  if (!chosen) {
    const ranked = statuses
      .filter(hasStarted)
      .sort(
        (a, b) =>
          rank(a) - rank(b) || (a.kind === b.kind ? a.index - b.index : a.kind === 'containers' ? -1 : 1),
      );
    chosen = ranked[0];
  }
  if (!chosen) return undefined;
  return { namespace, pod: name, container: chosen.status.name!, previous: hasPreviousInstance(chosen) };
}

/** One target per cause (its first pod finding whose pod has a started container), for the first causes. */
export function logTargetsForCauses(
  report: Report,
  index: ObjectIndex,
  maxCauses = MAX_LOG_CAUSES,
): { cause: number; target: LogTarget }[] {
  const out: { cause: number; target: LogTarget }[] = [];
  const causes = report.causes ?? [];
  for (let c = 0; c < causes.length && out.length < maxCauses; c++) {
    for (const i of causes[c]!.findings) {
      const finding = report.findings[i];
      if (finding?.object.kind !== 'Pod') continue;
      const pod = index.get('Pod', finding.object.namespace, finding.object.name);
      const target = pod && logTargetFor(pod.object, finding.path);
      if (target) {
        out.push({ cause: c, target });
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fetching

type TextGetter = Pick<ClusterClient, 'getText'>;

/** GET the tail of one container's log; failures become `error`, never exceptions. */
export async function fetchLogTail(
  client: TextGetter,
  target: LogTarget,
  options: LogOptions,
): Promise<CauseLog> {
  const base: CauseLog = { ...target, lines: [] };
  const path = logPath(target, options);
  let text: string;
  try {
    // A 500 here is the API server relaying that the kubelet cannot be reached: retrying only adds seconds.
    text = await client.getText(path, '*/*', false);
  } catch (error) {
    return { ...base, error: describeLogError(error, path) };
  }
  const limit = options.limitBytes ?? LOG_LIMIT_BYTES;
  const log: CauseLog = {
    ...base,
    lines: sanitizeLog(text, options.tailLines, options.maxLineLength ?? MAX_LINE_LENGTH),
  };
  // limitBytes cuts the end of the tail: say so rather than show a half line as the last word.
  if (Buffer.byteLength(text, 'utf8') >= limit) log.truncated = true;
  return log;
}

/** Reads the logs behind the top causes (bounded concurrency) and attaches them to the causes. */
export async function attachCauseLogs(
  client: TextGetter,
  report: Report,
  index: ObjectIndex,
  options: LogOptions,
  maxCauses = MAX_LOG_CAUSES,
): Promise<number> {
  const targets = logTargetsForCauses(report, index, maxCauses);
  const results: CauseLog[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < targets.length; i = next++) {
      results[i] = await fetchLogTail(client, targets[i]!.target, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, worker));
  targets.forEach(({ cause }, i) => {
    const c = report.causes![cause]!;
    c.logs = [...(c.logs ?? []), results[i]!];
  });
  return targets.length;
}

/**
 * A tail shown means the next step reads the whole log of the same container and instance, unless the cause
 * already has a `kubectl logs` step for that pod (the crash-loop analyzer's `--previous --tail=50`).
 */
export function addLogSteps(causes: readonly Cause[], finish: (step: string) => string = (s) => s): void {
  for (const cause of causes) {
    for (const log of cause.logs ?? []) {
      if (log.error !== undefined || cause.nextSteps.some((s) => s.includes(` logs ${log.pod} `))) continue;
      const previous = log.previous ? ' --previous' : '';
      cause.nextSteps.unshift(
        finish(`kubectl -n ${log.namespace} logs ${log.pod} -c ${log.container}${previous} --tail=50`),
      );
    }
  }
}

/** Why a log could not be read, in a few words (the API server's and kubelet's errors, made short). */
export function describeLogError(error: unknown, path = ''): string {
  if (error instanceof ApiError) {
    const prefix = `GET ${path}: `;
    const full = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    // "400 BadRequest: <server message>" → the server message.
    const server = full.replace(/^\d{3}(?: [A-Za-z]+)?(?:: )?/, '');
    if (error.status === 403) return 'forbidden: no permission to get pods/log';
    if (error.status === 401) return 'unauthorized (expired or invalid credentials)';
    if (error.status === 404) return 'pod or container not found (gone since it was read?)';
    if (/previous terminated container/i.test(server) && /not found/i.test(server))
      return 'previous terminated container not found (its log was already removed, or it never ran)';
    if (/does not have a host assigned/i.test(server)) return 'pod is not scheduled to a node';
    if (/is waiting to start/i.test(server))
      return clean(`container is waiting to start${afterColon(server)}`);
    const dial =
      /\b(dial tcp|no such host|connection refused|i\/o timeout|context deadline exceeded|TLS handshake|EOF$)/i;
    if (error.status >= 500 && dial.test(server))
      return clean(`kubelet unreachable: ${server.replace(/^(Get|GET) "[^"]*": /, '')}`);
    return clean(`${error.status}${error.reason ? ` ${error.reason}` : ''}: ${server || 'no message'}`);
  }
  return clean(`request failed: ${(error as Error)?.message ?? String(error)}`);
}

function afterColon(message: string): string {
  const i = message.indexOf('waiting to start');
  const rest = message.slice(i + 'waiting to start'.length).replace(/^:\s*/, '');
  return rest ? `: ${rest}` : '';
}

function clean(message: string): string {
  const line = stripTerminalControl(message.split('\n')[0] ?? '');
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

// ---------------------------------------------------------------------------------------------
// Making a log safe to print

// CSI (colours, cursor), OSC (titles, hyperlinks) and other two-byte escape sequences.
const ANSI =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what this strips
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// C0 and C1 controls (a tab is expanded first), DEL, and bidirectional overrides that reorder what is shown.
const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Terminal escape sequences and control characters removed; tabs become spaces. */
export function stripTerminalControl(line: string): string {
  return line.replace(ANSI, '').replace(/\t/g, '    ').replace(CONTROL, '');
}

/** Secret-looking values replaced by a marker; the rest of the line is kept (k8s/redact.ts, shared by every source). */
export const redactLogLine = redactLine;
export type { RedactionState };

/** Cut a line to `max` characters, saying how many were left out. */
export function capLine(line: string, max = MAX_LINE_LENGTH): string {
  const chars = [...line];
  if (chars.length <= max) return line;
  return `${chars.slice(0, max).join('')}… [${chars.length - max} more characters]`;
}

/** The last `tailLines` lines of a log body, each stripped, redacted and capped. */
export function sanitizeLog(text: string, tailLines: number, maxLineLength = MAX_LINE_LENGTH): string[] {
  const raw = text.split(/\r?\n/);
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  const state: RedactionState = { inPrivateKey: false };
  // Redact from the start so a key block opened above the tail is still withheld.
  const redacted = raw.map((line) => redactLogLine(stripTerminalControl(line.replace(/\r/g, '')), state));
  return redacted.slice(Math.max(0, redacted.length - tailLines)).map((line) => capLine(line, maxLineLength));
}
