// HPA-aware CPU request: with an HPA on CPU utilization, the request sets the replica count, not the pod's
// share of the node. Replay the workload's total usage through the HPA's rule at candidate requests and keep
// the one that needs the least requested CPU over time while the HPA can still hold its target.
// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details
import { CPU_UNIT, quantile, roundUp } from './stats.ts';
import type { HpaTarget, ReplicaStats } from './types.ts';

/** The HPA's steady-state answer: ceil(total usage / (target utilization × request)), within min..max. */
export function replicasFor(total: number, request: number, hpa: HpaTarget): number {
  const wanted = Math.ceil(total / (hpa.utilization * request) - 1e-9);
  return Math.min(hpa.maxReplicas, Math.max(hpa.minReplicas, wanted));
}

export function replay(totals: readonly number[], request: number, hpa: HpaTarget): ReplicaStats {
  const replicas = totals.map((u) => replicasFor(u, request, hpa));
  return {
    median: quantile(replicas, 0.5) ?? hpa.minReplicas,
    p99: quantile(replicas, 0.99) ?? hpa.minReplicas,
    max: replicas.length ? replicas.reduce((a, b) => Math.max(a, b), 0) : hpa.minReplicas,
    meanRequested: replicas.length ? (replicas.reduce((a, b) => a + b, 0) * request) / replicas.length : 0,
  };
}

/**
 * The request for an HPA-managed container.
 * - Lowest allowed: R_low = q99(total) / (utilization × maxReplicas): below it the HPA would sit at
 *   maxReplicas with pods above target in more than 1% of steps (its target no longer holds).
 * - Among R_low … max(R_low, current) × 2 in 5m steps, the one with the least mean(replicas × R); requests
 *   within 1% of that least cost count as equal and the largest of them wins (fewer, bigger pods).
 */
export function hpaRequest(
  totals: readonly number[],
  hpa: HpaTarget,
  current: number | undefined,
  floor: number,
): { request: number; low: number } | undefined {
  const q99 = quantile(totals, 0.99);
  if (q99 === undefined) return undefined;
  const low = Math.max(floor, roundUp(q99 / (hpa.utilization * hpa.maxReplicas), CPU_UNIT));
  const high = Math.max(low, current ?? low) * 2;
  const stride = Math.max(CPU_UNIT, roundUp((high - low) / 400, CPU_UNIT));
  const costs: { request: number; cost: number }[] = [];
  for (let r = low; r <= high + 1e-9; r += stride) {
    const request = roundUp(r, CPU_UNIT);
    costs.push({ request, cost: replay(totals, request, hpa).meanRequested });
  }
  const least = costs.reduce((least, c) => Math.min(least, c.cost), Infinity);
  const best = costs.filter((c) => c.cost <= least * 1.01).at(-1)!;
  return { request: best.request, low };
}
