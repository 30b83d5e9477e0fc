import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { deployment, event } from '../../testing/cluster-builders.ts';
import { resourcequotaExhausted } from './resourcequota-exhausted.ts';

const quota = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name, namespace: 'shop' },
  spec: { hard: { 'requests.cpu': '1', pods: '10' } },
  status: { hard: { 'requests.cpu': '1', pods: '10' }, used: { 'requests.cpu': '800m', pods: '2' } },
});

/** A Deployment whose ReplicaSet the API server refuses, as the controller reports it. */
function refused(name: string, message: string): KubeObject[] {
  const [d, rs] = deployment(name, { namespace: 'shop', replicas: 3, available: 2 });
  (d!.status as { conditions: unknown[] }).conditions.push({
    type: 'ReplicaFailure',
    status: 'True',
    reason: 'FailedCreate',
    message,
  });
  return [d!, rs!];
}

const EXCEEDED =
  'pods "api-7d9f8c6b5-x" is forbidden: exceeded quota: compute, requested: requests.cpu=400m, used: requests.cpu=800m, limited: requests.cpu=1';

describe('resourcequota-exhausted', () => {
  it('fires on the quota a workload is refused by, with requested against what is left', () => {
    const [finding, ...rest] = analyze(resourcequotaExhausted, [
      quota('compute'),
      ...refused('api', EXCEEDED),
    ]);
    assert.deepEqual(rest, []);
    assert.equal(
      finding?.message,
      'ResourceQuota "compute" refuses new pods of Deployment api: requests.cpu: 800m of 1 used, 400m more requested',
    );
    assert.equal(
      finding?.remediation,
      'Raise requests.cpu to at least 1200m in ResourceQuota compute (namespace shop); or make each new pod of ' +
        'Deployment api ask for no more than what is left (requests.cpu 200m left, 400m asked); or free quota by ' +
        'scaling down or deleting other workloads in shop.',
    );
  });
  it('reads FailedCreate events of StatefulSets (no ReplicaFailure condition there)', () => {
    const sts: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'shop' },
      spec: { replicas: 1 },
      status: { replicas: 0 },
    };
    const findings = analyze(resourcequotaExhausted, [
      quota('compute'),
      sts,
      event(
        { kind: 'StatefulSet', name: 'db', namespace: 'shop' },
        'Warning',
        'FailedCreate',
        `create Pod db-0 in StatefulSet db failed error: ${EXCEEDED.replace('api-7d9f8c6b5-x', 'db-0')}`,
      ),
    ]);
    assert.match(findings[0]?.message ?? '', /refuses new pods of StatefulSet db/);
  });
  it('does not fire on a full quota that refuses nothing, another quota, or other refusals', () => {
    assert.deepEqual(
      analyze(resourcequotaExhausted, [
        quota('compute'),
        quota('storage'),
        ...refused('api', EXCEEDED.replace('quota: compute', 'quota: other')),
        ...refused(
          'web',
          'pods "web-x" is forbidden: failed quota: compute: must specify limits.cpu for: app',
        ),
      ]),
      [],
    );
  });
});
