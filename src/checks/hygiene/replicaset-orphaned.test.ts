import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { replicasetOrphaned } from './replicaset-orphaned.ts';

const deploy = (name: string, revision: number, limit?: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name,
    namespace: 'shop',
    annotations: { 'deployment.kubernetes.io/revision': String(revision) },
  },
  spec: { replicas: 2, ...(limit !== undefined ? { revisionHistoryLimit: limit } : {}) },
});
const rs = (name: string, revision: number, replicas: number, owner?: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name,
    namespace: 'shop',
    annotations: { 'deployment.kubernetes.io/revision': String(revision) },
    ...(owner
      ? {
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'Deployment', name: owner, uid: 'u', controller: true },
          ],
        }
      : {}),
  },
  spec: { replicas },
  status: { replicas },
});

describe('replicaset-orphaned', () => {
  it('fires on zero-replica ReplicaSets whose Deployment is gone, without owner, or beyond revisionHistoryLimit', () => {
    const findings = analyze(replicasetOrphaned, [
      rs('gone-1', 1, 0, 'deleted'),
      rs('bare', 1, 0),
      deploy('web', 4, 2),
      rs('web-4', 4, 2, 'web'),
      rs('web-3', 3, 0, 'web'),
      rs('web-2', 2, 0, 'web'),
      rs('web-1', 1, 0, 'web'),
    ]);
    assert.deepEqual(findings.map((f) => f.object.name).sort(), ['bare', 'gone-1', 'web-1']);
  });
  it('does not fire on running ReplicaSets, the current revision at 0 replicas, or old ones within the default limit of 10', () => {
    const findings = analyze(replicasetOrphaned, [
      rs('running-orphan', 1, 3, 'deleted'),
      deploy('paused', 2),
      rs('paused-2', 2, 0, 'paused'),
      rs('paused-1', 1, 0, 'paused'),
      { ...rs('odd', 1, 0), spec: null } as unknown as KubeObject,
    ]);
    assert.deepEqual(findings, []);
  });
});
