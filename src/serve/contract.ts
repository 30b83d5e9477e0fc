// What `shipshape serve` hands the HTTP server (dashboard, /metrics, notifications: src/serve/http/, serve-web's
// half): the store, the scheduler's live status, and the parts of the config the server reads. The scheduler
// and the command wiring are serve-core's (decisions 0057, 0058); the server and its routes are serve-web's.
import type { Severity } from '../core/severity.ts';
import type { HistoryStore } from '../store/store.ts';

/** One cluster as the scheduler sees it right now (the history has everything that finished). */
export interface ClusterStatus {
  cluster: string;
  /** A scan of it is running in this instance, since when (ms). */
  runningSince: number | null;
  /** When this instance will next try to scan it (ms). */
  nextScanAt: number | null;
  /** The scan interval in ms: a last completed scan older than 2 intervals is stale. */
  intervalMs: number;
  /** Why the last attempt in this instance failed (also recorded as a failed scan), or null. */
  lastError: string | null;
  /** A scan result kept in memory because the database could not take it; written when it can. */
  pendingWrite: boolean;
}

export interface ServeStatus {
  /** host:pid of this instance. */
  instance: string;
  startedAt: number;
  /** The database as it may be shown (a file path, or a URL without its password). */
  database: string;
  clusters(): ClusterStatus[];
}

/** Options of the HTTP server, from the serve config's `http` section and flags. */
export interface HttpOptions {
  host: string;
  port: number;
}

export interface HttpServerInput {
  store: HistoryStore;
  status: ServeStatus;
  http: HttpOptions;
  /** The SLA per severity in ms (the config's kpi.sla) the dashboard's KPI page judges by; default the docs' SLAs. */
  sla?: Record<Severity, number>;
  /** The namespace label that names a namespace's team (the config's teamLabel). */
  teamLabel?: string;
  /** The `http` section of the serve config as written, for keys only the HTTP half knows (auth, metrics, …). */
  settings: Record<string, unknown>;
}

/** What serve-web's `startHttpServer(input)` in src/serve/http/server.ts returns. */
export interface RunningHttpServer {
  /** The address it listens on, e.g. http://127.0.0.1:8080. */
  url: string;
  close(): Promise<void>;
}
