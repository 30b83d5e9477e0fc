// The KPI page's numbers, computed once per history change (a recorded scan or a user's suppression) and window,
// not per page load: computing them reads every event of the window. Entries also expire after a minute, since
// ages in the backlog move with the clock. The server warms the default view when a scan is recorded.
import type { Severity } from '../../core/severity.ts';
import type { HistoryStore, Kpis } from '../../store/store.ts';
import { parseInterval } from '../config.ts';

const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 16;

export interface KpiRequest {
  cluster?: string;
  /** A window such as 30d. */
  since: string;
}

export class KpiCache {
  private readonly entries = new Map<string, { at: number; kpis: Promise<Kpis> }>();
  private readonly store: HistoryStore;
  private readonly sla: Record<Severity, number>;
  private readonly now: () => number;

  constructor(store: HistoryStore, sla: Record<Severity, number>, now: () => number = Date.now) {
    this.store = store;
    this.sla = sla;
    this.now = now;
  }

  async get(request: KpiRequest): Promise<{ kpis: Kpis; computedAt: number }> {
    const key = `${request.cluster ?? ''}|${request.since}|${await this.signature()}`;
    const at = this.now();
    let entry = this.entries.get(key);
    if (!entry || at - entry.at > MAX_AGE_MS) {
      entry = {
        at,
        kpis: this.store.kpis({
          from: at - parseInterval(request.since, 'since'),
          to: at,
          sla: this.sla,
          ...(request.cluster ? { cluster: request.cluster } : {}),
        }),
      };
      this.entries.delete(key);
      this.entries.set(key, entry);
      for (const old of [...this.entries.keys()].slice(0, Math.max(0, this.entries.size - MAX_ENTRIES)))
        this.entries.delete(old);
      // A failed computation is not kept.
      entry.kpis.catch(() => this.entries.delete(key));
    }
    return { kpis: await entry.kpis, computedAt: entry.at };
  }

  /** Computes the default view (all clusters, 30 days) ahead of the first visitor. */
  async warm(): Promise<void> {
    await this.get({ since: '30d' });
  }

  /** Changes whenever a scan or an event is recorded (both ids only grow). */
  private async signature(): Promise<string> {
    const [scan, event] = await Promise.all([
      this.store.db
        .selectFrom('scans')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst(),
      this.store.db
        .selectFrom('finding_events')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst(),
    ]);
    return `${scan?.id ?? 0}:${event?.id ?? 0}`;
  }
}
