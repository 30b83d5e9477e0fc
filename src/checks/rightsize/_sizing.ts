// What the rightsize-* checks share: the messages' wording and the edits that write a recommendation.
import type { Fix, FixEdit, Issue } from '../../core/check.ts';
import type { Path } from '../../core/path.ts';
import type { SizedContainer } from '../../rightsize/attach.ts';
import { formatCpu, formatMemory, humanBytes, humanCpu } from '../../rightsize/stats.ts';

export { SIZED_KINDS as RIGHTSIZE_KINDS } from '../../rightsize/workloads.ts';

export function label(sized: SizedContainer): string {
  const role = sized.role === 'app' ? 'container' : sized.role === 'sidecar' ? 'sidecar' : 'init container';
  return `${role} "${sized.name}"`;
}

export function estimateNote(sized: SizedContainer): string {
  return sized.recommendation.pointInTime ? ' (point-in-time estimate from the metrics API, no history)' : '';
}

const resources = (sized: SizedContainer, section: 'requests' | 'limits', name: string): Path => [
  ...sized.at.path,
  'resources',
  section,
  name,
];

/** Sets the CPU request; a CPU limit below it is removed (no-limit policy) or raised to the recommended limit. */
export function cpuFix(sized: SizedContainer, request: number): Fix {
  const edits: FixEdit[] = [
    { op: 'set', path: resources(sized, 'requests', 'cpu'), value: formatCpu(request) },
  ];
  const limit = sized.recommendation.cpu.limit;
  const current = sized.current.cpuLimit;
  if (typeof limit === 'number' && limit !== current)
    edits.push({ op: 'set', path: resources(sized, 'limits', 'cpu'), value: formatCpu(limit) });
  else if (limit === null && current !== undefined && current < request)
    edits.push({ op: 'remove', path: resources(sized, 'limits', 'cpu') });
  return {
    description: `set the CPU request of ${label(sized)} to ${formatCpu(request)}`,
    edits,
    safety: 'safe',
  };
}

/** Memory request = limit = the recommendation (memory cannot be reclaimed: what may be used is reserved). */
export function memoryFix(sized: SizedContainer, value: number): Fix {
  return {
    description: `set the memory request and limit of ${label(sized)} to ${formatMemory(value)}`,
    edits: [
      { op: 'set', path: resources(sized, 'requests', 'memory'), value: formatMemory(value) },
      { op: 'set', path: resources(sized, 'limits', 'memory'), value: formatMemory(value) },
    ],
    safety: 'safe',
  };
}

export function cpuIssue(sized: SizedContainer, direction: 'over' | 'under'): Issue | undefined {
  const { recommendation: r, current } = sized;
  const request = r.cpu.request;
  if (request === undefined) return undefined;
  const now = current.cpuRequest;
  if (direction === 'over' ? now === undefined || request >= now : now !== undefined && request <= now)
    return undefined;
  const from = now === undefined ? 'no CPU request' : `a CPU request of ${humanCpu(now)}`;
  return {
    message: `${label(sized)} has ${from}; its usage supports ${humanCpu(request)}${estimateNote(sized)}`,
    path: resources(sized, 'requests', 'cpu'),
    evidence: [...r.cpu.evidence, ...(r.cpu.held ? [`held: ${r.cpu.held}`] : [])],
    fix: cpuFix(sized, request),
  };
}

export function memoryIssue(sized: SizedContainer, direction: 'over' | 'under'): Issue | undefined {
  const { recommendation: r, current } = sized;
  const request = r.memory.request;
  if (request === undefined) return undefined;
  const now = current.memoryRequest;
  const limitOff = current.memoryLimit !== undefined && current.memoryLimit < request;
  const under = now === undefined || request > now || limitOff;
  if (direction === 'under' ? !under : under || request >= (now ?? 0)) return undefined;
  const from = now === undefined ? 'no memory request' : `a memory request of ${humanBytes(now)}`;
  const limit =
    current.memoryLimit !== undefined && current.memoryLimit !== now
      ? ` (limit ${humanBytes(current.memoryLimit)})`
      : '';
  const oom = r.ooms.length ? `; it was OOM-killed ${r.ooms.length} time(s)` : '';
  return {
    message: `${label(sized)} has ${from}${limit}${oom}; its usage supports ${humanBytes(request)}${estimateNote(sized)}`,
    path: resources(sized, 'requests', 'memory'),
    evidence: [...r.memory.evidence, ...(r.memory.held ? [`held: ${r.memory.held}`] : [])],
    fix: memoryFix(sized, request),
    ...(direction === 'under' && r.ooms.length ? { severity: 'high' as const } : {}),
  };
}
