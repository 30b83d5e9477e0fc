import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excluded, HYGIENE_DEFAULTS } from '../checks/hygiene/shared.ts';
import { refOf } from '../core/object.ts';
import { node } from '../testing/cluster-builders.ts';
import { detectProfile, findProfile, PROFILES } from './profiles.ts';

const loaded = (o: ReturnType<typeof node>) => ({ object: o, ref: refOf(o) });

describe('platform profiles', () => {
  it('detects the platform from node labels and providerID', () => {
    const cases: [Record<string, string>, string | undefined, string | undefined][] = [
      [{ 'eks.amazonaws.com/nodegroup': 'ng-1' }, 'aws:///eu-west-1a/i-1', 'eks'],
      [{ 'cloud.google.com/gke-nodepool': 'default-pool' }, 'gce://p/z/n', 'gke'],
      [{ 'kubernetes.azure.com/cluster': 'mc_rg' }, 'azure:///subscriptions/x', 'aks'],
      [{}, 'kind://docker/kind/kind-control-plane', 'kind'],
      [{ 'minikube.k8s.io/name': 'minikube' }, undefined, 'minikube'],
      [{}, 'k3s://server-1', 'k3s'],
      [{ 'node.openshift.io/os_id': 'rhcos' }, undefined, 'openshift'],
      [{}, undefined, undefined],
    ];
    for (const [labels, providerID, expected] of cases) {
      const n = node('n1');
      n.metadata.labels = { ...n.metadata.labels, ...labels };
      (n.spec as Record<string, unknown>).providerID = providerID;
      if (providerID === undefined) delete (n.spec as Record<string, unknown>).providerID;
      assert.equal(detectProfile([loaded(n)])?.name, expected, JSON.stringify(labels));
    }
  });
  it('exclusions match names, prefixes and Kind/ patterns; every profile has a known name', () => {
    const params = {
      ...HYGIENE_DEFAULTS,
      ...{ excludeNamespaces: ['openshift-*'], excludeNames: ['eks:*', 'ConfigMap/aws-auth'] },
    };
    assert.equal(excluded({ kind: 'Pod', name: 'x', namespace: 'openshift-monitoring' }, params), true);
    assert.equal(excluded({ kind: 'Namespace', name: 'openshift-etcd' }, params), true);
    assert.equal(excluded({ kind: 'ClusterRole', name: 'eks:node-manager' }, params), true);
    assert.equal(excluded({ kind: 'ConfigMap', name: 'aws-auth', namespace: 'shop' }, params), true);
    assert.equal(excluded({ kind: 'Secret', name: 'aws-auth', namespace: 'shop' }, params), false);
    assert.equal(excluded({ kind: 'Pod', name: 'x', namespace: 'shop' }, params), false);
    for (const p of PROFILES) assert.equal(findProfile(p.name.toUpperCase()), p);
  });
});
