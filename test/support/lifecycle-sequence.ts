// The scan sequence the lifecycle and KPI tests share (src/store/history.test.ts, src/store/kpi.test.ts): five
// findings through partial coverage (a forbidden namespace, a check that did not run, a kind not read, a
// narrower scope), a deleted object, suppressions by annotation and by a user with an end, a reopen and a
// severity change. Times: T0 + whole hours.
import assert from 'node:assert/strict';
import type { HistoryStore } from '../../src/store/store.ts';
import { DAY, found, HOUR, meta, observation, type ScanSpec, T0 } from './history-fixtures.ts';

export const A = { check: 'c-crash', object: 'Pod/shop/a' };
export const B = { check: 'c-crash', object: 'Pod/shop/b' };
export const C = {
  check: 'c-limits',
  object: 'Pod/team-b/c',
  severity: 'medium',
  path: 'spec.containers[0].resources',
} as const;
export const D = { check: 'c-limits', object: 'Deployment/shop/d', severity: 'medium' } as const;
export const E = {
  check: 'c-unused',
  object: 'ConfigMap/shop/e',
  severity: 'low',
  category: 'hygiene',
} as const;
export const fp = (spec: { check: string; object: string; path?: string }) => found(spec).fingerprint;

export const SCANS: ScanSpec[] = [
  {
    at: T0,
    findings: [A, B, C, { ...D, suppressed: 'accepted: batch job' }, E],
    objects: [
      'Pod/shop/a',
      'Pod/shop/b',
      'Pod/team-b/c',
      'Deployment/shop/d',
      'ConfigMap/shop/e',
      'Node//n1',
    ],
  },
  {
    // A fixed by itself (same generation), B's pod deleted, team-b unreadable, E's severity raised.
    at: T0 + DAY,
    findings: [
      { ...D, suppressed: 'accepted: batch job' },
      { ...E, severity: 'medium' },
    ],
    objects: ['Pod/shop/a', 'Deployment/shop/d', 'ConfigMap/shop/e', 'Node//n1'],
    coverage: { namespacesForbidden: [{ namespace: 'team-b', kinds: ['*'], reason: 'forbidden by RBAC' }] },
  },
  {
    // A breaks again; team-b readable again; D's annotation removed; c-unused did not run.
    at: T0 + 2 * DAY,
    findings: [A, C, D],
    objects: [['Pod/shop/a', '2'], 'Pod/team-b/c', 'Deployment/shop/d', 'ConfigMap/shop/e', 'Node//n1'],
    coverage: { checksRan: ['c-crash', 'c-limits', 'c-cert'] },
  },
  {
    // Only namespace shop: A fixed by a change (generation 3), E's ConfigMap deleted; C out of scope.
    at: T0 + 3 * DAY,
    findings: [D],
    objects: [['Pod/shop/a', '3'], 'Deployment/shop/d', 'Node//n1'],
    coverage: { namespaces: ['shop'] },
  },
  {
    // Pods not readable at all.
    at: T0 + 4 * DAY,
    findings: [D],
    objects: ['Deployment/shop/d', 'Node//n1'],
    coverage: {
      kindsRead: ['Deployment', 'ConfigMap', 'Secret', 'Node', 'Namespace'],
      kindsMissing: [{ kind: 'Pod', reason: 'forbidden by RBAC' }],
    },
  },
  {
    // The user's suppression of D has ended; team-b unreadable again.
    at: T0 + 6 * DAY,
    findings: [D],
    objects: [['Pod/shop/a', '3'], 'Deployment/shop/d', 'Node//n1'],
    coverage: { namespacesForbidden: [{ namespace: 'team-b', kinds: ['Pod'], reason: 'forbidden by RBAC' }] },
  },
];

export async function history(store: HistoryStore) {
  const ids: number[] = [];
  for (const [i, spec] of SCANS.entries()) {
    if (i === 4) {
      // Between the 4th and 5th scans a user suppresses D until day 5.
      assert.equal(
        await store.suppress(
          'prod',
          fp(D),
          { reason: 'migrating next sprint', until: T0 + 5 * DAY, by: 'ana' },
          T0 + 3 * DAY + 12 * HOUR,
        ),
        true,
      );
    }
    ids.push((await store.recordScan(meta('prod', spec), observation(spec))).scanId);
  }
  return ids;
}
