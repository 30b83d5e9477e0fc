import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseManifestText } from '../sources/files/parse-yaml.ts';
import { Workloads } from './workloads.ts';

const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout, namespace: shop }
spec:
  template:
    spec:
      initContainers:
        - { name: migrate, image: m:1 }
        - { name: mesh, image: p:1, restartPolicy: Always }
      containers:
        - { name: app, image: a:1 }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout-worker, namespace: shop }
spec: { template: { spec: { containers: [{ name: app, image: a:1 }] } } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: checkout, namespace: shop }
spec:
  scaleTargetRef: { kind: Deployment, name: checkout }
  minReplicas: 2
  maxReplicas: 8
  metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } } }]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: worker, namespace: shop }
spec:
  scaleTargetRef: { kind: Deployment, name: checkout-worker }
  maxReplicas: 4
  metrics: [{ type: Resource, resource: { name: memory, target: { type: Utilization, averageUtilization: 60 } } }]
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: { name: legacy, namespace: shop }
spec: { scaleTargetRef: { kind: StatefulSet, name: db }, maxReplicas: 3, targetCPUUtilizationPercentage: 50 }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: bare, namespace: shop }
spec: { scaleTargetRef: { kind: Deployment, name: bare }, maxReplicas: 3 }
---
apiVersion: v1
kind: Pod
metadata: { name: checkout-7d9-x, namespace: shop, ownerReferences: [{ kind: ReplicaSet, name: checkout-7d9, controller: true }] }
spec: { containers: [{ name: app, image: a:1 }] }
`;

describe('rightsize workloads', () => {
  const workloads = new Workloads(parseManifestText(yaml, 'w.yaml').objects);

  it('keeps controllers, not the pods they own', () => {
    assert.equal(workloads.size, 2);
    assert.equal(workloads.get('shop', 'Pod', 'checkout-7d9-x'), undefined);
  });

  it('tells app containers, native sidecars and init containers apart', () => {
    const role = (container: string) =>
      workloads.roleOf({ namespace: 'shop', kind: 'Deployment', name: 'checkout', container });
    assert.equal(role('app'), 'app');
    assert.equal(role('mesh'), 'sidecar');
    assert.equal(role('migrate'), 'init');
  });

  it("finds a pod's workload by name: the longest name that starts it", () => {
    assert.deepEqual(workloads.ownerByName('shop', 'checkout-worker-5f6-abcde'), {
      kind: 'Deployment',
      name: 'checkout-worker',
    });
    assert.deepEqual(workloads.ownerByName('shop', 'checkout-7d9-x'), {
      kind: 'Deployment',
      name: 'checkout',
    });
    assert.equal(workloads.ownerByName('shop', 'cart-1'), undefined);
    assert.equal(workloads.ownerByName('other', 'checkout-1'), undefined);
  });

  it('reads CPU-utilization HPAs (v2, v1, the 80% default) and sets the others apart', () => {
    assert.deepEqual(workloads.hpaOf('shop', 'Deployment', 'checkout'), {
      name: 'checkout',
      utilization: 0.6,
      minReplicas: 2,
      maxReplicas: 8,
    });
    assert.equal(workloads.hpaOf('shop', 'Deployment', 'checkout-worker'), undefined);
    assert.equal(workloads.otherHpaOf('shop', 'Deployment', 'checkout-worker'), 'worker');
    assert.equal(workloads.hpaOf('shop', 'StatefulSet', 'db')?.utilization, 0.5);
    assert.equal(workloads.hpaOf('shop', 'Deployment', 'bare')?.utilization, 0.8);
  });
});
