// The lifecycle of findings, as a pure function: what one scan changes, given what the history holds. No I/O, so
// every rule is tested on plain data (lifecycle.test.ts) and both database engines apply the same plan.
//
//   new            → open (or suppressed, when an annotation or the config silences it)
//   open           → resolved   a covering scan saw the object present and the finding absent
//                  → gone       a covering scan found the object deleted (not a fix)
//                  → suppressed silenced by an annotation, the config or a user
//   resolved|gone  → open       seen again: reopened, a new episode
//   suppressed     → open       the suppression was lifted or expired (unsuppressed)
// A scan that did not cover a finding (check not run, kind or namespace not read) changes nothing about it and
// does not advance its last_verified_at.
import type { Finding } from '../core/finding.ts';
import { type Coverage, coverageTest, objectKey } from './coverage.ts';
import type { EventKind, FindingRow, FindingState, RolloutKind } from './schema.ts';

/** What a scan saw: its findings and the objects present (key → generation, or resourceVersion without one). */
export interface Observation {
  /** When the cluster was read (the scan's start), in ms. */
  at: number;
  coverage: Coverage;
  findings: readonly ObservedFinding[];
  objects: ReadonlyMap<string, string>;
  /** What the dashboard and /metrics read besides findings; no effect on the lifecycle. */
  facts?: ScanFacts;
}

export interface NamespaceFact {
  namespace: string;
  labels: Record<string, string>;
  /** The configured team label's value, or null. */
  team: string | null;
}

export interface CertificateFact {
  namespace: string;
  kind: string;
  name: string;
  field: string;
  /** ms since the epoch: the earliest notAfter at that field. */
  notAfter: number;
}

/** One revision of a workload or a Helm release as a scan saw it (src/serve/rollouts.ts). */
export interface RolloutFact {
  kind: RolloutKind;
  namespace: string;
  name: string;
  revision: number;
  /** The pod template's identity; null for Helm releases. */
  template: string | null;
  /** The revision object's creation time (ms); for a re-used one (a rollback) that is the earlier revision's. */
  createdAt: number | null;
  /** Revisions this same object had before (a ReplicaSet's revision-history): this one is a rollback. */
  earlierRevisions: number[];
  /** Helm: the release's status label. */
  status: string | null;
}

export interface ScanFacts {
  namespaces: NamespaceFact[];
  certificates: CertificateFact[];
  /** Revisions of workloads and Helm releases (optional: older callers record none). */
  rollouts?: RolloutFact[];
}

export type ObservedFinding = Pick<
  Finding,
  | 'fingerprint'
  | 'check'
  | 'severity'
  | 'category'
  | 'object'
  | 'path'
  | 'message'
  | 'evidence'
  | 'suppressed'
>;

/** The columns of a stored finding the plan reads. */
export type CurrentFinding = Pick<
  FindingRow,
  | 'id'
  | 'fingerprint'
  | 'check_id'
  | 'severity'
  | 'api_version'
  | 'kind'
  | 'namespace'
  | 'name'
  | 'message'
  | 'evidence'
  | 'state'
  | 'suppressed_by'
  | 'suppressed_reason'
  | 'suppressed_until'
  | 'opened_at'
  | 'opened_version'
  | 'episodes'
>;

export interface PlannedEvent {
  kind: EventKind;
  /** The start of the episode the event belongs to. */
  openedAt: number;
  from: FindingState | null;
  to: FindingState;
  severity: string;
  reason: string | null;
}

/** Marks a resolution whose object had the same generation as when the episode opened (a KPI input). */
export const UNCHANGED = 'object unchanged';

export interface NewFindingPlan {
  finding: ObservedFinding;
  state: FindingState;
  suppressedBy: string | null;
  suppressedReason: string | null;
  openedVersion: string | null;
  event: PlannedEvent;
}

export interface ChangePlan {
  id: number;
  /** The scan reported it (so last_seen_at moves), as opposed to resolving it by its absence. */
  seen: boolean;
  /** Columns to set besides last_seen/last_verified/last_scan (which `seen`/`verified` say). */
  set: Partial<FindingRow>;
  events: PlannedEvent[];
}

export interface ScanPlan {
  inserts: NewFindingPlan[];
  changes: ChangePlan[];
  /** Ids seen by the scan whose other columns did not change: last_seen_at and last_verified_at move. */
  seen: number[];
  counts: { opened: number; reopened: number; resolved: number; gone: number };
}

export function planScan(current: readonly CurrentFinding[], observation: Observation): ScanPlan {
  const { at } = observation;
  const covered = coverageTest(observation.coverage);
  const incoming = new Map<string, ObservedFinding>();
  for (const f of observation.findings) if (!incoming.has(f.fingerprint)) incoming.set(f.fingerprint, f);
  const plan: ScanPlan = {
    inserts: [],
    changes: [],
    seen: [],
    counts: { opened: 0, reopened: 0, resolved: 0, gone: 0 },
  };

  for (const row of current) {
    const seen = incoming.get(row.fingerprint);
    if (seen) {
      incoming.delete(row.fingerprint);
      const change = planSeen(row, seen, observation);
      if (change) {
        plan.changes.push(change);
        if (change.events.some((e) => e.kind === 'reopened')) plan.counts.reopened++;
      } else plan.seen.push(row.id);
      continue;
    }
    if (row.state !== 'open' && row.state !== 'suppressed') continue;
    if (!covered(row)) continue;
    const version = observation.objects.get(objectKey({ ...row, apiVersion: row.api_version }));
    const to: FindingState = version === undefined ? 'gone' : 'resolved';
    const reason =
      to === 'resolved' && row.opened_version !== null && version === row.opened_version ? UNCHANGED : null;
    const set: Partial<FindingRow> = { state: to, state_since: at, last_verified_at: at };
    if (row.suppressed_by === 'scan') Object.assign(set, noSuppression());
    plan.changes.push({
      id: row.id,
      seen: false,
      set,
      events: [{ kind: to, openedAt: row.opened_at, from: row.state, to, severity: row.severity, reason }],
    });
    plan.counts[to]++;
  }

  for (const finding of incoming.values()) {
    const suppression = finding.suppressed ? { by: 'scan', reason: finding.suppressed.reason } : undefined;
    const state: FindingState = suppression ? 'suppressed' : 'open';
    plan.inserts.push({
      finding,
      state,
      suppressedBy: suppression?.by ?? null,
      suppressedReason: suppression?.reason ?? null,
      openedVersion: observation.objects.get(objectKey(finding.object)) ?? null,
      event: {
        kind: 'opened',
        openedAt: at,
        from: null,
        to: state,
        severity: finding.severity,
        reason: suppression?.reason ?? null,
      },
    });
    plan.counts.opened++;
  }
  return plan;
}

/** A finding the scan reported again: reopen, (un)suppress, or just refresh what it says. */
function planSeen(
  row: CurrentFinding,
  seen: ObservedFinding,
  observation: Observation,
): ChangePlan | undefined {
  const { at } = observation;
  const set: Partial<FindingRow> = {};
  const events: PlannedEvent[] = [];
  const userSuppressed =
    row.suppressed_by === 'user' && (row.suppressed_until === null || row.suppressed_until > at);
  // A user's suppression (until it ends) wins over the annotation's, so neither is lost.
  const wanted: { state: FindingState; by: string | null; reason: string | null } = userSuppressed
    ? { state: 'suppressed', by: 'user', reason: row.suppressed_reason }
    : seen.suppressed
      ? { state: 'suppressed', by: 'scan', reason: seen.suppressed.reason }
      : { state: 'open', by: null, reason: null };

  if (row.state === 'resolved' || row.state === 'gone') {
    Object.assign(set, {
      state: wanted.state,
      state_since: at,
      opened_at: at,
      opened_version: observation.objects.get(objectKey(seen.object)) ?? null,
      episodes: row.episodes + 1,
    });
    events.push({
      kind: 'reopened',
      openedAt: at,
      from: row.state,
      to: 'open',
      severity: seen.severity,
      reason: null,
    });
    if (wanted.state === 'suppressed')
      events.push({
        kind: 'suppressed',
        openedAt: at,
        from: 'open',
        to: 'suppressed',
        severity: seen.severity,
        reason: wanted.reason,
      });
  } else if (row.state !== wanted.state) {
    set.state = wanted.state;
    set.state_since = at;
    events.push({
      kind: wanted.state === 'suppressed' ? 'suppressed' : 'unsuppressed',
      openedAt: row.opened_at,
      from: row.state,
      to: wanted.state,
      severity: seen.severity,
      reason: wanted.reason,
    });
  } else if (row.severity !== seen.severity) {
    events.push({
      kind: 'severity',
      openedAt: row.opened_at,
      from: row.state,
      to: row.state,
      severity: seen.severity,
      reason: row.severity,
    });
  }
  if (wanted.by === null) {
    if (row.suppressed_by !== null) Object.assign(set, noSuppression());
  } else if (wanted.by !== row.suppressed_by || wanted.reason !== row.suppressed_reason) {
    Object.assign(set, {
      suppressed_by: wanted.by,
      suppressed_reason: wanted.reason,
      suppressed_until: null,
    });
  }
  if (row.severity !== seen.severity) set.severity = seen.severity;
  if (row.message !== seen.message) set.message = seen.message;
  const evidence = seen.evidence && seen.evidence.length > 0 ? JSON.stringify(seen.evidence) : null;
  if (row.evidence !== evidence) set.evidence = evidence;
  if (Object.keys(set).length === 0 && events.length === 0) return undefined;
  return { id: row.id, seen: true, set, events };
}

function noSuppression(): Partial<FindingRow> {
  return { suppressed_by: null, suppressed_reason: null, suppressed_until: null };
}
