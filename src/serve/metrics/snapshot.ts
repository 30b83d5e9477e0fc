// What /metrics exposes, as plain data: per cluster, the last scan attempt, the last completed scan's findings
// counts and certificate expiry times, and lifecycle transition counters. Built once when a scan completes
// (from the history store or a report), never by scanning during a scrape (docs/decisions/0061).
import type { Severity } from '../../core/severity.ts';

export type TransitionKind = 'opened' | 'reopened' | 'resolved' | 'gone' | 'suppressed';

export interface FindingCount {
  severity: Severity;
  category: string;
  check: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
  count: number;
}

export interface CertificateExpiry {
  namespace: string;
  kind: string;
  name: string;
  /** Where in the object: "data.tls.crt", "webhooks[0].clientConfig.caBundle". */
  field: string;
  /** Seconds since the epoch of the earliest notAfter at that field. */
  notAfter: number;
}

export interface ClusterMetrics {
  cluster: string;
  /** Seconds between scheduled scans (the stale alert compares against it). */
  intervalSeconds?: number;
  /** The last attempt, completed or failed. */
  lastAttempt?: { finishedAt: number; success: boolean };
  lastCompleted?: {
    finishedAt: number;
    durationSeconds: number;
    /** 0–1: the share of the scan's scope it could read; undefined when not known. */
    coverageRatio?: number;
    /** Open (not suppressed) findings of the last completed scan, grouped. */
    findings: readonly FindingCount[];
    suppressed: number;
    /** Problems (errors and warnings) the scan reported. */
    problems: number;
    certificates: readonly CertificateExpiry[];
  };
  /** Lifecycle transitions recorded since the history began, by kind and severity (counters). */
  transitions?: Partial<Record<TransitionKind, Partial<Record<Severity, number>>>>;
}

export interface MetricsSnapshot {
  version: string;
  clusters: readonly ClusterMetrics[];
}
