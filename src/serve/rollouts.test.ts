// Revisions read from the objects a scan saw: ReplicaSets of Deployments (with the revision-history a rollback
// leaves), ControllerRevisions of StatefulSets and DaemonSets, Helm release Secrets by their labels alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type KubeObject, refOf } from '../core/object.ts';
import { rolloutFacts } from './rollouts.ts';

const owned = (kind: string, name: string) => [
  { apiVersion: 'apps/v1', kind, name, uid: 'u', controller: true },
];
const load = (objects: KubeObject[]) => objects.map((object) => ({ object, ref: refOf(object) }));

describe('rollout facts', () => {
  it('reads Deployment revisions from their ReplicaSets, a re-used one naming its earlier revisions', () => {
    const facts = rolloutFacts(
      load([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            name: 'web-6d4cf56db6',
            namespace: 'shop',
            creationTimestamp: '2026-12-01T10:00:00Z',
            labels: { app: 'web', 'pod-template-hash': '6d4cf56db6' },
            annotations: {
              'deployment.kubernetes.io/revision': '3',
              'deployment.kubernetes.io/revision-history': '1',
            },
            ownerReferences: owned('Deployment', 'web'),
          },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            name: 'web-7f8b9c',
            namespace: 'shop',
            creationTimestamp: '2026-12-01T11:00:00Z',
            labels: { 'pod-template-hash': '7f8b9c' },
            annotations: { 'deployment.kubernetes.io/revision': '2' },
            ownerReferences: owned('Deployment', 'web'),
          },
        },
        // A ReplicaSet no Deployment controls has no rollout history; one without a revision neither.
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            name: 'bare',
            namespace: 'shop',
            annotations: { 'deployment.kubernetes.io/revision': '1' },
          },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: { name: 'odd', namespace: 'shop', ownerReferences: owned('Deployment', 'odd') },
        },
      ]),
    );
    assert.deepEqual(facts, [
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        revision: 3,
        template: '6d4cf56db6',
        createdAt: Date.parse('2026-12-01T10:00:00Z'),
        earlierRevisions: [1],
        status: null,
      },
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        revision: 2,
        template: '7f8b9c',
        createdAt: Date.parse('2026-12-01T11:00:00Z'),
        earlierRevisions: [],
        status: null,
      },
    ]);
  });

  it('reads StatefulSet and DaemonSet revisions from their ControllerRevisions', () => {
    const facts = rolloutFacts(
      load([
        {
          apiVersion: 'apps/v1',
          kind: 'ControllerRevision',
          metadata: {
            name: 'db-5b9d7c',
            namespace: 'shop',
            creationTimestamp: '2026-12-01T09:00:00Z',
            labels: { 'controller.kubernetes.io/hash': '5b9d7c' },
            ownerReferences: owned('StatefulSet', 'db'),
          },
          revision: 4,
        } as KubeObject,
        {
          apiVersion: 'apps/v1',
          kind: 'ControllerRevision',
          metadata: {
            name: 'agent-1a2b',
            namespace: 'kube-system',
            ownerReferences: owned('DaemonSet', 'agent'),
          },
          revision: 1,
        } as KubeObject,
      ]),
    );
    assert.deepEqual(
      facts.map((f) => [f.kind, f.name, f.revision, f.template, f.createdAt]),
      [
        ['StatefulSet', 'db', 4, '5b9d7c', Date.parse('2026-12-01T09:00:00Z')],
        ['DaemonSet', 'agent', 1, 'agent-1a2b', null],
      ],
    );
  });

  it("reads Helm releases from their Secrets' labels, never the payload", () => {
    const payload = 'H4sIAAAAAAAA/6tWSs7PS8tMV7JSUEpKLElVqgUAgkwoVBAAAAA=';
    const secret = (version: string, labels: Record<string, string>): KubeObject =>
      ({
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'helm.sh/release.v1',
        metadata: {
          name: `sh.helm.release.v1.shop.v${version}`,
          namespace: 'shop',
          creationTimestamp: '2026-12-02T08:00:00Z',
          labels: { owner: 'helm', name: 'shop', version, ...labels },
        },
        data: { release: payload },
      }) as KubeObject;
    const facts = rolloutFacts(
      load([
        secret('1', { status: 'superseded', createdAt: '1764662400', modifiedAt: '1764666000' }),
        secret('2', { status: 'failed' }),
        { ...secret('3', { status: 'deployed' }), type: 'Opaque' } as KubeObject,
        secret('x', { status: 'deployed' }),
      ]),
    );
    assert.deepEqual(facts, [
      {
        kind: 'HelmRelease',
        namespace: 'shop',
        name: 'shop',
        revision: 1,
        template: null,
        createdAt: 1764662400_000,
        earlierRevisions: [],
        status: 'superseded',
      },
      {
        kind: 'HelmRelease',
        namespace: 'shop',
        name: 'shop',
        revision: 2,
        template: null,
        createdAt: Date.parse('2026-12-02T08:00:00Z'),
        earlierRevisions: [],
        status: 'failed',
      },
    ]);
    assert.doesNotMatch(JSON.stringify(facts), /H4sI/);
  });
});
