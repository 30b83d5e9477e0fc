// The history's tables as Kysely sees them: one schema for SQLite and PostgreSQL (migrations.ts creates it).
// Times are integer milliseconds since the epoch (UTC), JSON is text: both engines store and compare them alike.
import type { Generated, Insertable, Selectable } from 'kysely';

/** Where a finding is in its life (decision 0057). */
export const FINDING_STATES = ['open', 'resolved', 'gone', 'suppressed'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/**
 * What happened to a finding. opened: first seen. reopened: seen again after resolved or gone (or a suppression
 * ended). resolved: a scan that covered it saw its object present and passing. gone: its object was deleted
 * (not a fix). suppressed / unsuppressed: an annotation, the config or a user silenced it, or stopped doing so.
 * severity: its severity changed while it stayed in its state.
 */
export const EVENT_KINDS = [
  'opened',
  'reopened',
  'resolved',
  'gone',
  'suppressed',
  'unsuppressed',
  'severity',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type ScanStatus = 'completed' | 'failed';

export interface ScansTable {
  id: Generated<number>;
  cluster: string;
  status: ScanStatus;
  started_at: number;
  finished_at: number;
  duration_ms: number;
  /** Why a failed scan failed, in words. */
  error: string | null;
  /** The serve instance (host:pid) that ran it. */
  instance: string;
  tool_version: string;
  /** JSON: Coverage (coverage.ts). */
  coverage: string;
  objects: number;
  /** Findings the scan reported (suppressed included). */
  findings: number;
  opened: number;
  reopened: number;
  resolved: number;
  gone: number;
  /** JSON: the report's warnings (source problems), at most a few hundred. */
  problems: string;
}

export interface FindingsTable {
  id: Generated<number>;
  cluster: string;
  fingerprint: string;
  check_id: string;
  severity: string;
  /** The severity's place in SEVERITIES (0 = critical), stored so lists sort on an index (migration 0002). */
  severity_rank: Generated<number>;
  category: string;
  api_version: string;
  kind: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
  name: string;
  /** The sub-locator: field path, or '' for a whole-object finding. */
  path: string;
  message: string;
  /** JSON string[] or null. */
  evidence: string | null;
  state: FindingState;
  /** 'scan' (annotation or config) or 'user' (suppressed through the store), with a reason and an optional end. */
  suppressed_by: string | null;
  suppressed_reason: string | null;
  suppressed_until: number | null;
  first_seen_at: number;
  /** The start of the current episode (the last opened or reopened). */
  opened_at: number;
  last_seen_at: number;
  /** The last scan that covered the finding (saw it, or saw its object pass): never advanced by a scan that could not look. */
  last_verified_at: number;
  last_scan_id: number;
  /** When it entered its current state. */
  state_since: number;
  /** The object's generation (or resourceVersion) when the episode opened: "resolved without change" compares it. */
  opened_version: string | null;
  episodes: number;
}

export interface FindingEventsTable {
  id: Generated<number>;
  finding_id: number;
  cluster: string;
  /** null for an action that no scan made (a user's suppression). */
  scan_id: number | null;
  at: number;
  /** When the episode this event belongs to opened: a resolution's time to fix is at − opened_at. */
  opened_at: number;
  kind: EventKind;
  from_state: FindingState | null;
  to_state: FindingState;
  severity: string;
  /** The suppression reason, the user, or "object unchanged" on a resolution; free text. */
  reason: string | null;
}

/** A namespace a completed scan read, with its labels and the team the configured label names. */
export interface ScanNamespacesTable {
  id: Generated<number>;
  scan_id: number;
  cluster: string;
  namespace: string;
  /** The value of the configured team label (serve config `teamLabel`), or null. */
  team: string | null;
  /** JSON: the namespace's labels. */
  labels: string;
}

/** The earliest notAfter of one certificate field a completed scan read (the certificate itself is never kept). */
export interface ScanCertificatesTable {
  id: Generated<number>;
  scan_id: number;
  cluster: string;
  /** '' for cluster-scoped objects (webhook configurations, APIServices). */
  namespace: string;
  kind: string;
  name: string;
  /** Where in the object: "data.tls.crt", "webhooks[0].clientConfig.caBundle". */
  field: string;
  not_after: number;
}

/** The kinds whose revisions the delivery KPIs count. HelmRelease: a release's revision (its Secret's labels). */
export const ROLLOUT_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'HelmRelease'] as const;
export type RolloutKind = (typeof ROLLOUT_KINDS)[number];

/** One revision of a workload or Helm release, recorded once, when a scan first saw it (migration 0003). */
export interface RolloutsTable {
  id: Generated<number>;
  cluster: string;
  kind: RolloutKind;
  namespace: string;
  /** The workload's or the release's name. */
  name: string;
  revision: number;
  /** The pod template's identity (pod-template-hash, controller-revision hash); null for Helm releases. */
  template: string | null;
  /** When the revision was made (ms). */
  at: number;
  /** 1 when `at` is the scan that first saw it (a rollback re-uses an older object, whose dates are older). */
  at_observed: number;
  /** Helm: the release's status label as last seen (deployed, superseded, failed, pending-…). */
  status: string | null;
  /** A rollback: the earlier revision whose template this one repeats. */
  rollback_of: number | null;
  first_scan_id: number;
}

export interface Database {
  scans: ScansTable;
  findings: FindingsTable;
  finding_events: FindingEventsTable;
  scan_namespaces: ScanNamespacesTable;
  scan_certificates: ScanCertificatesTable;
  rollouts: RolloutsTable;
}

export type ScanRow = Selectable<ScansTable>;
export type FindingRow = Selectable<FindingsTable>;
export type FindingEventRow = Selectable<FindingEventsTable>;
export type NewFinding = Insertable<FindingsTable>;
export type NewEvent = Insertable<FindingEventsTable>;
