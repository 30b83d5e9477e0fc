// Compact builders for sequences of scans: findings and objects written as "Kind/namespace/name", coverage with
// only what a case changes. Times are whole hours or days from a fixed start, so expected values are computed by hand.

import { fingerprint } from '../../src/core/finding.ts';
import type { ObjectRef } from '../../src/core/object.ts';
import type { Severity } from '../../src/core/severity.ts';
import { type Coverage, objectKey } from '../../src/store/coverage.ts';
import type { Observation, ObservedFinding } from '../../src/store/lifecycle.ts';
import type { ScanMeta } from '../../src/store/record.ts';

export const T0 = Date.parse('2026-10-01T00:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

const API: Record<string, string> = { Deployment: 'apps/v1', StatefulSet: 'apps/v1', ReplicaSet: 'apps/v1' };

/** "Pod/shop/web" → a ref; "Node//node-1" for cluster-scoped. */
export function ref(spec: string): ObjectRef {
  const [kind, namespace, name] = spec.split('/') as [string, string, string];
  const apiVersion = API[kind] ?? 'v1';
  return namespace ? { apiVersion, kind, namespace, name } : { apiVersion, kind, name };
}

export interface FindingSpec {
  check: string;
  object: string;
  severity?: Severity;
  category?: string;
  path?: string;
  message?: string;
  suppressed?: string;
}

export function found(spec: FindingSpec): ObservedFinding {
  const object = ref(spec.object);
  const f: ObservedFinding = {
    fingerprint: fingerprint(spec.check, object, spec.path),
    check: spec.check,
    severity: spec.severity ?? 'high',
    category: (spec.category ?? 'reliability') as ObservedFinding['category'],
    object,
    message: spec.message ?? `${spec.check} on ${spec.object}`,
  };
  if (spec.path) f.path = spec.path;
  if (spec.suppressed) f.suppressed = { reason: spec.suppressed };
  return f;
}

export const ALL_CHECKS = ['c-crash', 'c-limits', 'c-unused', 'c-cert'];
export const ALL_KINDS = ['Pod', 'Deployment', 'ConfigMap', 'Secret', 'Node', 'Namespace'];

export interface ScanSpec {
  at: number;
  findings: FindingSpec[];
  /** Objects present: "Kind/ns/name", or [spec, version] to give a generation. */
  objects: (string | [string, string])[];
  coverage?: Partial<Coverage>;
}

export function observation(spec: ScanSpec): Observation {
  const objects = new Map<string, string>();
  for (const o of spec.objects) {
    const [s, version] = typeof o === 'string' ? [o, '1'] : o;
    objects.set(objectKey(ref(s)), version);
  }
  return {
    at: spec.at,
    coverage: {
      namespaces: 'all',
      kindsRead: ALL_KINDS,
      kindsMissing: [],
      namespacesForbidden: [],
      checksRan: ALL_CHECKS,
      ...spec.coverage,
    },
    findings: spec.findings.map(found),
    objects,
  };
}

export function meta(cluster: string, spec: ScanSpec, durationMs = 60_000): ScanMeta {
  return {
    cluster,
    startedAt: spec.at,
    finishedAt: spec.at + durationMs,
    instance: 'test',
    toolVersion: '0.0.0-test',
    objects: spec.objects.length,
    problems: [],
  };
}
