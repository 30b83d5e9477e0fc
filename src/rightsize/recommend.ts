// One container's recommendation from its history: pure, every formula in ADR 0065.
import { hpaRequest, replay } from './hpa.ts';
import { CPU_UNIT, formatDuration, humanBytes, humanCpu, MIB, quantile, roundUp } from './stats.ts';
import type {
  Confidence,
  ContainerHistory,
  CurrentResources,
  HpaTarget,
  Policy,
  Recommendation,
  ResourceAdvice,
  Sample,
} from './types.ts';

const DAY = 86400;

/** Days of data and the confidence they give (ADR 0065 §confidence). */
export function confidenceOf(history: ContainerHistory): {
  confidence: Confidence;
  days: number;
  runs: number;
} {
  const covered = new Set<number>();
  let runs = 0;
  for (const pod of history.pods) {
    for (const [t] of pod.cpu) covered.add(t);
    for (const [t] of pod.memory) covered.add(t);
    runs += Math.max(1, pod.starts.length);
  }
  if (covered.size === 0) return { confidence: 'none', days: 0, runs: 0 };
  let first = Infinity;
  let last = -Infinity;
  for (const t of covered) {
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const span = last - first + history.step;
  const days = Math.min(span, covered.size * history.step) / DAY;
  const coverage = (covered.size * history.step) / span;
  if (history.role === 'init') return { confidence: runs >= 3 ? 'high' : 'low', days, runs };
  let confidence: Confidence;
  if (covered.size < 30 || days < 3 / 24) confidence = 'none';
  else if (days < 1) confidence = 'low';
  else if (days < 7 || coverage < 0.8) confidence = 'medium';
  else confidence = 'high';
  return { confidence, days, runs };
}

/** A sample covers (t − step, t]: it is start-up when that overlaps [start, start + startupSeconds). */
function inStartup(t: number, step: number, starts: readonly number[], startupSeconds: number): boolean {
  for (const s of starts) if (t > s && t - step < s + startupSeconds) return true;
  return false;
}

interface CpuSplit {
  steady: number[];
  startupPeak: number;
  startupExcluded: number;
  throttledSteps: number;
  stepsWithCfs: number;
  all: number;
  /** Total usage of the workload per step (steady samples only), for the HPA replay. */
  totals: Map<number, number>;
}

function splitCpu(history: ContainerHistory, policy: Policy): CpuSplit {
  const split: CpuSplit = {
    steady: [],
    startupPeak: 0,
    startupExcluded: 0,
    throttledSteps: 0,
    stepsWithCfs: 0,
    all: 0,
    totals: new Map(),
  };
  const excludeStartup = history.role !== 'init';
  for (const pod of history.pods) {
    const throttled = new Set<number>();
    for (const [t, share] of pod.throttled) {
      split.stepsWithCfs++;
      if (share > policy.throttledStep) throttled.add(t);
    }
    split.throttledSteps += throttled.size;
    for (const [t, cores] of pod.cpu) {
      split.all++;
      if (excludeStartup && inStartup(t, history.step, pod.starts, policy.startupSeconds)) {
        split.startupExcluded++;
        if (cores > split.startupPeak) split.startupPeak = cores;
        continue;
      }
      split.totals.set(t, (split.totals.get(t) ?? 0) + cores);
      if (throttled.has(t)) continue;
      split.steady.push(cores);
    }
  }
  return split;
}

/** Thin data may raise a value but not cut it (low), or cut at most 30% per run (medium). */
function gate(
  proposed: number,
  current: number | undefined,
  confidence: Confidence,
): { value: number; held?: string } {
  if (current === undefined || proposed >= current) return { value: proposed };
  if (confidence === 'low' || confidence === 'none')
    return { value: current, held: 'less than a day of data: only increases are made' };
  if (confidence === 'medium' && proposed < current * 0.7)
    return {
      value: Math.max(proposed, roundUp(current * 0.7, 1e-6)),
      held: 'less than 7 days of full data: a cut is capped at 30% per run',
    };
  return { value: proposed };
}

/** Hysteresis: a change smaller than max(share × current, absolute) keeps the current value. */
function settle(value: number, current: number | undefined, share: number, absolute: number): number {
  if (current === undefined) return value;
  return Math.abs(value - current) < Math.max(share * current, absolute) ? current : value;
}

function cpuAdvice(
  history: ContainerHistory,
  current: CurrentResources,
  policy: Policy,
  confidence: Confidence,
  hpa: HpaTarget | undefined,
  split: CpuSplit,
): { advice: ResourceAdvice; throttled?: number; hpa?: Recommendation['hpa'] } {
  const evidence: string[] = [];
  const throttled = split.stepsWithCfs > 0 ? split.throttledSteps / split.stepsWithCfs : undefined;
  if (split.startupExcluded > 0)
    evidence.push(
      `start-up excluded: ${split.startupExcluded} sample(s) within ${formatDuration(policy.startupSeconds)} of a container start (peak ${humanCpu(split.startupPeak)})`,
    );
  if (throttled !== undefined && split.throttledSteps > 0)
    evidence.push(
      `throttled: ${(throttled * 100).toFixed(1)}% of steps had more than ${policy.throttledStep * 100}% of CFS periods throttled; demand there is unknown and those samples are left out`,
    );
  let proposed: number | undefined;
  let hpaInfo: Recommendation['hpa'];
  if (hpa && history.role === 'app' && split.totals.size > 0) {
    const totals = [...split.totals.values()];
    const found = hpaRequest(totals, hpa, current.cpuRequest, policy.cpuMin);
    if (found) {
      proposed = found.request;
      const before = current.cpuRequest ? replay(totals, current.cpuRequest, hpa) : undefined;
      const after = replay(totals, found.request, hpa);
      if (before) hpaInfo = { name: hpa.name, replicasBefore: before, replicasAfter: after };
      evidence.push(
        `HPA ${hpa.name} scales on ${Math.round(hpa.utilization * 100)}% CPU utilization (${hpa.minReplicas}–${hpa.maxReplicas} replicas): replayed over ${totals.length} steps, the request keeping its target at 99% of steps is ≥ ${humanCpu(found.low)}; ${humanCpu(found.request)} needs the least requested CPU over time (mean ${humanCpu(after.meanRequested)}, replicas median ${after.median}, p99 ${after.p99})`,
      );
      if (before)
        evidence.push(
          `at the current ${humanCpu(current.cpuRequest!)}: mean requested ${humanCpu(before.meanRequested)}, replicas median ${before.median}, p99 ${before.p99}`,
        );
    }
  } else {
    const base =
      history.role === 'init'
        ? split.steady.length
          ? split.steady.reduce((a, b) => Math.max(a, b), 0)
          : undefined
        : quantile(split.steady, policy.cpuPercentile);
    if (base !== undefined) {
      proposed = Math.max(policy.cpuMin, roundUp(base * (1 + policy.cpuMargin), CPU_UNIT));
      evidence.push(
        history.role === 'init'
          ? `peak of ${split.steady.length} sample(s) over ${history.pods.length} run(s): ${humanCpu(base)}; × ${1 + policy.cpuMargin} → ${humanCpu(proposed)}`
          : `p${Math.round(policy.cpuPercentile * 100)} of ${split.steady.length} steady sample(s) across ${history.pods.length} pod(s): ${humanCpu(base)}; × ${1 + policy.cpuMargin} → ${humanCpu(proposed)}`,
      );
    }
  }
  if (proposed === undefined)
    return { advice: { evidence }, ...(throttled !== undefined ? { throttled } : {}) };
  let held: string | undefined;
  // Throttled steps hide demand: never cut there (ADR 0065 §throttling).
  if (
    throttled !== undefined &&
    throttled >= 0.01 &&
    current.cpuRequest !== undefined &&
    proposed < current.cpuRequest
  ) {
    proposed = current.cpuRequest;
    held = `throttled in ${(throttled * 100).toFixed(1)}% of steps: demand is unknown there, so the request is not cut`;
  }
  const gated = gate(proposed, current.cpuRequest, confidence);
  held ??= gated.held;
  const request = settle(gated.value, current.cpuRequest, policy.minChange, policy.minChangeCpu);
  const advice: ResourceAdvice = { request, evidence, ...(held ? { held } : {}) };
  if (policy.cpuLimit === 'none') advice.limit = null;
  else if (policy.cpuLimit === 'required') {
    const burst = Math.max(split.startupPeak, quantile(split.steady, 0.999) ?? 0);
    advice.limit = Math.max(request, roundUp(burst * 1.2, CPU_UNIT));
  }
  return { advice, ...(throttled !== undefined ? { throttled } : {}), ...(hpaInfo ? { hpa: hpaInfo } : {}) };
}

function memoryAdvice(
  history: ContainerHistory,
  current: CurrentResources,
  policy: Policy,
  confidence: Confidence,
): ResourceAdvice {
  const evidence: string[] = [];
  let peak: Sample | undefined;
  let peakPod = '';
  let count = 0;
  for (const pod of history.pods)
    for (const sample of pod.memory) {
      count++;
      if (!peak || sample[1] > peak[1]) {
        peak = sample;
        peakPod = pod.pod;
      }
    }
  let proposed: number | undefined;
  if (peak) {
    proposed = Math.max(policy.memoryMin, roundUp(peak[1] * (1 + policy.memoryMargin), MIB));
    evidence.push(
      `peak working set ${humanBytes(peak[1])} (pod ${peakPod}, ${new Date(peak[0] * 1000).toISOString()}) of ${count} per-step maxima; × ${1 + policy.memoryMargin} → ${humanBytes(proposed)}`,
    );
  }
  // An OOM kill means the limit in force was too small: at least 20% and 100 MiB above it (ADR 0065 §OOM).
  let bumped: number | undefined;
  for (const pod of history.pods)
    for (const oom of pod.ooms) {
      const limit = oom.limit ?? current.memoryLimit;
      if (limit === undefined) {
        evidence.push(
          `OOM kill in pod ${pod.pod} at ${new Date(oom.at * 1000).toISOString()} (no memory limit in force: the node ran out)`,
        );
        continue;
      }
      const bump = roundUp(Math.max(limit * 1.2, limit + 100 * MIB), MIB);
      evidence.push(
        `OOM kill in pod ${pod.pod} at ${new Date(oom.at * 1000).toISOString()} at a ${humanBytes(limit)} limit → at least ${humanBytes(bump)}`,
      );
      bumped = Math.max(bumped ?? 0, bump);
    }
  if (bumped !== undefined) proposed = Math.max(proposed ?? 0, bumped);
  if (proposed === undefined) return { evidence };
  if (confidence === 'none' && bumped === undefined) return { evidence };
  const gated = gate(
    proposed,
    current.memoryRequest,
    bumped !== undefined && confidence === 'none' ? 'low' : confidence,
  );
  const request = settle(gated.value, current.memoryRequest, policy.minChange, policy.minChangeMemory);
  // Memory is incompressible: the limit equals the request, so what the scheduler reserves is what may be used.
  return { request, limit: request, evidence, ...(gated.held ? { held: gated.held } : {}) };
}

export function recommend(
  history: ContainerHistory,
  current: CurrentResources,
  policy: Policy,
  hpa?: HpaTarget,
): Recommendation {
  const { confidence, days, runs } = confidenceOf(history);
  const split = splitCpu(history, policy);
  const cpu = cpuAdvice(history, current, policy, confidence, hpa, split);
  const memory = memoryAdvice(history, current, policy, confidence);
  const window = `${formatDuration(history.window.end - history.window.start)} window at ${formatDuration(history.step)} steps: ${days.toFixed(1)} day(s) of data${history.role === 'init' ? `, ${runs} run(s)` : ''}, confidence ${confidence}`;
  cpu.advice.evidence.unshift(window);
  memory.evidence.unshift(window);
  if (confidence === 'none') {
    cpu.advice.held = 'not enough data (under 3 hours or 30 samples): no recommendation';
    delete cpu.advice.request;
    delete cpu.advice.limit;
    if (memory.request === undefined) memory.held = cpu.advice.held;
  }
  const ooms = history.pods.flatMap((p) => p.ooms);
  return {
    key: history.key,
    role: history.role,
    confidence,
    days,
    cpu: cpu.advice,
    memory,
    ooms,
    ...(cpu.throttled !== undefined ? { throttled: cpu.throttled } : {}),
    ...(cpu.hpa ? { hpa: cpu.hpa } : {}),
  };
}
