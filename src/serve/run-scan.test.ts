// What a serve scan may judge where RBAC let it read some kinds of a namespace and not others: a check that needs a
// refused kind (its `requires`) ran, since the kind was read elsewhere, but its findings there are guesses — they
// are dropped and the namespace is not covered for it, so its earlier findings there keep their state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Coverage, coverageTest } from '../store/coverage.ts';
import { blindChecks, judged } from './run-scan.ts';

const RAN = ['role-unused', 'ingress-unused', 'pod-config-missing'];

describe('serve scan: checks blind in a namespace', () => {
  const forbidden = blindChecks(
    [
      { namespace: 'team', kinds: ['RoleBinding', 'Secret'], reason: 'forbidden by RBAC' },
      { namespace: 'other', kinds: ['*'], reason: 'forbidden by RBAC' },
      { namespace: 'quiet', kinds: ['Lease'], reason: 'forbidden by RBAC' },
    ],
    RAN,
  );

  it('names the checks that need a kind the namespace refused (role-unused needs RoleBindings)', () => {
    assert.deepEqual(forbidden, [
      {
        namespace: 'team',
        kinds: ['RoleBinding', 'Secret'],
        reason: 'forbidden by RBAC',
        checks: ['role-unused'],
      },
      { namespace: 'other', kinds: ['*'], reason: 'forbidden by RBAC' },
      { namespace: 'quiet', kinds: ['Lease'], reason: 'forbidden by RBAC' },
    ]);
  });

  const coverage: Coverage = {
    namespaces: 'all',
    kindsRead: ['Role', 'RoleBinding', 'Ingress', 'Service', 'Pod'],
    kindsMissing: [],
    namespacesForbidden: forbidden,
    checksRan: RAN,
  };

  it('drops their findings there, and only there', () => {
    const finding = (check: string, namespace: string) => ({ check, object: { namespace } });
    const kept = judged(
      [
        finding('role-unused', 'team'),
        finding('role-unused', 'shop'),
        finding('ingress-unused', 'team'),
        finding('pod-config-missing', 'quiet'),
      ],
      coverage,
    );
    assert.deepEqual(
      kept.map((f) => `${f.check} ${f.object.namespace}`),
      ['role-unused shop', 'ingress-unused team', 'pod-config-missing quiet'],
    );
  });

  it('does not count the namespace as covered for them', () => {
    const covered = coverageTest(coverage);
    assert.equal(covered({ check_id: 'role-unused', kind: 'Role', namespace: 'team' }), false);
    assert.equal(covered({ check_id: 'role-unused', kind: 'Role', namespace: 'shop' }), true);
    assert.equal(covered({ check_id: 'ingress-unused', kind: 'Ingress', namespace: 'team' }), true);
    assert.equal(covered({ check_id: 'pod-config-missing', kind: 'Pod', namespace: 'other' }), false);
  });
});
