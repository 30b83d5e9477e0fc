// Runs each cluster's scans on its interval, never two at once for one cluster (in this instance: one loop per
// cluster; across instances: the cluster lock), and writes each result to the history in one transaction.
//   - due: the last recorded scan of the cluster (any instance, any status) started at least an interval ago;
//   - a scan that throws or passes its timeout is recorded as failed, with the reason;
//   - a result the database cannot take (it went away) is kept in memory, one per cluster, and written when it
//     can; no new scan of that cluster starts meanwhile, so nothing is lost or written twice (decision 0058).
import { hostname } from 'node:os';
import { oneLine } from '../core/failure.ts';
import type { Observation } from '../store/lifecycle.ts';
import type { ScanMeta } from '../store/record.ts';
import { StaleScanError } from '../store/record.ts';
import type { HistoryStore } from '../store/store.ts';
import type { ClusterTarget } from './config.ts';
import type { ClusterStatus } from './contract.ts';
import type { ClusterLocks } from './lock.ts';
import type { ScanOutcome } from './run-scan.ts';

export interface SchedulerDeps {
  store: HistoryStore;
  locks: ClusterLocks;
  scan: (target: ClusterTarget, at: Date) => Promise<ScanOutcome>;
  toolVersion: string;
  instance?: string;
  log?: (message: string) => void;
  now?: () => number;
  /** How soon to try again after the database or the lock said no (ms). */
  retryMs?: number;
}

type Pending = { meta: ScanMeta; observation: Observation } | { meta: ScanMeta; error: string };

interface ClusterLoop {
  target: ClusterTarget;
  /** The tick in progress (lock, scan, write): the next waits for it. */
  busy: Promise<void> | undefined;
  runningSince: number | null;
  nextScanAt: number | null;
  lastError: string | null;
  pending: Pending | undefined;
  timer: NodeJS.Timeout | undefined;
  scans: number;
}

/** Scans due within this much of their time run now: timers are not exact. */
const SLACK_MS = 1000;

export class Scheduler {
  readonly instance: string;
  private readonly deps: SchedulerDeps;
  private readonly loops = new Map<string, ClusterLoop>();
  private stopped = false;

  constructor(targets: readonly ClusterTarget[], deps: SchedulerDeps) {
    this.deps = deps;
    this.instance = deps.instance ?? `${hostname()}:${process.pid}`;
    for (const target of targets)
      this.loops.set(target.name, {
        target,
        busy: undefined,
        runningSince: null,
        nextScanAt: null,
        lastError: null,
        pending: undefined,
        timer: undefined,
        scans: 0,
      });
  }

  /** Starts every cluster's loop; the first scans start at once (or when the last recorded one makes them due). */
  start(): void {
    for (const loop of this.loops.values()) this.schedule(loop, 0);
  }

  /**
   * One round: every cluster scanned now if due (`force`: even if not), each in its own loop, all awaited. After
   * stop() (serve --once) a round schedules nothing after itself.
   */
  async runOnce(force = false): Promise<void> {
    await Promise.all([...this.loops.values()].map((loop) => this.tick(loop, force)));
  }

  status(): ClusterStatus[] {
    return [...this.loops.values()].map((loop) => ({
      cluster: loop.target.name,
      runningSince: loop.runningSince,
      nextScanAt: loop.nextScanAt,
      intervalMs: loop.target.intervalMs,
      lastError: loop.lastError,
      pendingWrite: loop.pending !== undefined,
    }));
  }

  /** Stops scheduling and waits for the ticks in progress (a running scan finishes and is written). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const loop of this.loops.values()) clearTimeout(loop.timer);
    await Promise.all([...this.loops.values()].map((loop) => loop.busy));
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  private log(message: string): void {
    this.deps.log?.(message);
  }

  private schedule(loop: ClusterLoop, delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(loop.timer);
    loop.nextScanAt = this.now() + delayMs;
    loop.timer = setTimeout(() => void this.tick(loop, false), Math.max(0, delayMs));
    loop.timer.unref?.();
  }

  private tick(loop: ClusterLoop, force: boolean): Promise<void> {
    if (loop.busy) return loop.busy; // never two at once for one cluster
    loop.busy = this.runTick(loop, force).finally(() => {
      loop.busy = undefined;
    });
    return loop.busy;
  }

  private async runTick(loop: ClusterLoop, force: boolean): Promise<void> {
    const { target } = loop;
    const retry = Math.min(target.intervalMs, this.deps.retryMs ?? 30_000);
    if (loop.pending && !(await this.flush(loop))) return this.schedule(loop, retry);
    let lock: Awaited<ReturnType<ClusterLocks['tryAcquire']>>;
    try {
      lock = await this.deps.locks.tryAcquire(target.name);
    } catch (error) {
      loop.lastError = `history database ${this.deps.store.label}: ${oneLine((error as Error).message)}`;
      this.log(`cluster ${target.name}: cannot take its scan lock: ${loop.lastError}`);
      return this.schedule(loop, retry);
    }
    if (!lock) {
      // Another instance is scanning it; asked to scan now (serve --once), say why it did not.
      if (force) this.log(`cluster ${target.name}: another instance is scanning it; not scanned here`);
      return this.schedule(loop, retry);
    }
    let next = target.intervalMs;
    try {
      const [last] = await this.deps.store.scans({ cluster: target.name, limit: 1 });
      const now = this.now();
      if (!force && last && now - last.startedAt < target.intervalMs - SLACK_MS) {
        next = last.startedAt + target.intervalMs - now;
        return;
      }
      await this.scan(loop, now);
      next = Math.max(0, now + target.intervalMs - this.now());
    } catch (error) {
      loop.lastError = `history database ${this.deps.store.label}: ${oneLine((error as Error).message)}`;
      this.log(`cluster ${target.name}: ${loop.lastError}`);
      next = retry;
    } finally {
      await lock.release();
      this.schedule(loop, loop.pending ? retry : next);
    }
  }

  /** Runs the scan under its timeout and writes the result (or the failure). */
  private async scan(loop: ClusterLoop, startedAt: number): Promise<void> {
    const { target } = loop;
    loop.runningSince = startedAt;
    this.log(`cluster ${target.name}: scanning`);
    let outcome: ScanOutcome | undefined;
    let failure: string | undefined;
    const scan = this.deps.scan(target, new Date(startedAt));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), target.timeoutMs);
      timer.unref?.();
    });
    try {
      const result = await Promise.race([scan, timeout]);
      if (result === 'timeout') {
        failure = `timed out after ${target.timeoutMs < 10_000 ? `${target.timeoutMs} ms` : `${Math.round(target.timeoutMs / 1000)} s`}`;
        // The abandoned scan keeps the lock until it ends: never two scans of one cluster at once.
        await scan.catch(() => undefined);
      } else outcome = result;
    } catch (error) {
      failure = oneLine((error as Error).message ?? String(error));
    } finally {
      clearTimeout(timer);
      loop.runningSince = null;
    }
    const finishedAt = this.now();
    const meta: ScanMeta = {
      cluster: target.name,
      startedAt,
      finishedAt,
      instance: this.instance,
      toolVersion: this.deps.toolVersion,
      objects: outcome?.objects ?? 0,
      problems: outcome?.problems ?? [],
    };
    loop.scans++;
    loop.pending = outcome
      ? { meta, observation: outcome.observation }
      : { meta, error: failure ?? 'unknown' };
    loop.lastError = failure ?? null;
    if (failure) this.log(`cluster ${target.name}: scan failed: ${failure}`);
    await this.flush(loop);
  }

  /** Writes the kept result; false when the database still cannot take it. */
  private async flush(loop: ClusterLoop): Promise<boolean> {
    const pending = loop.pending;
    if (!pending) return true;
    const { store } = this.deps;
    try {
      if ('error' in pending) await store.recordFailedScan(pending.meta, pending.error);
      else {
        const { counts } = await store.recordScan(pending.meta, pending.observation);
        const seconds = ((pending.meta.finishedAt - pending.meta.startedAt) / 1000).toFixed(1);
        this.log(
          `cluster ${loop.target.name}: scanned in ${seconds} s, ${pending.observation.findings.length} findings (${counts.opened} new, ${counts.reopened} reopened, ${counts.resolved} resolved, ${counts.gone} gone)`,
        );
      }
      loop.pending = undefined;
      return true;
    } catch (error) {
      if (error instanceof StaleScanError) {
        this.log(`cluster ${loop.target.name}: ${error.message}`);
        loop.pending = undefined;
        return true;
      }
      loop.lastError = `cannot write to the history database ${store.label}: ${oneLine((error as Error).message)}; the result is kept and written when it can be`;
      this.log(`cluster ${loop.target.name}: ${loop.lastError}`);
      return false;
    }
  }
}
