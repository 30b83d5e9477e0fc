import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectIndex } from '../core/index.ts';
import { parseManifestText } from '../sources/files/parse-yaml.ts';
import {
  allowedDisruptions,
  effectivePodLabels,
  parseIntOrPercent,
  pdbIndex,
  replicaFloor,
  resolveBudget,
} from './disruption.ts';

function load(yaml: string) {
  const parsed = parseManifestText(yaml, 'd.yaml');
  assert.deepEqual(parsed.problems, []);
  return new ObjectIndex(parsed.objects, { partial: true });
}

describe('k8s/disruption', () => {
  it('parses IntOrString budgets', () => {
    assert.deepEqual(parseIntOrPercent(2), { kind: 'int', value: 2 });
    assert.deepEqual(parseIntOrPercent('3'), { kind: 'int', value: 3 });
    assert.deepEqual(parseIntOrPercent('50%'), { kind: 'percent', value: 50 });
    for (const bad of [-1, 1.5, 'x', '%', null, {}, '5 %']) assert.equal(parseIntOrPercent(bad), undefined);
  });

  it('rounds percentages up like the disruption controller', () => {
    assert.equal(resolveBudget({ kind: 'percent', value: 50 }, 3), 2);
    assert.equal(resolveBudget({ kind: 'percent', value: 10 }, 1), 1);
    assert.equal(resolveBudget({ kind: 'percent', value: 0 }, 5), 0);
    assert.equal(
      allowedDisruptions({ pdb: {} as never, minAvailable: { kind: 'percent', value: 50 } }, 1),
      0,
    );
    assert.equal(
      allowedDisruptions({ pdb: {} as never, maxUnavailable: { kind: 'percent', value: 1 } }, 1),
      1,
    );
    assert.equal(allowedDisruptions({ pdb: {} as never, maxUnavailable: { kind: 'int', value: 0 } }, 4), 0);
    assert.equal(allowedDisruptions({ pdb: {} as never }, 4), undefined);
  });

  it('falls back to the selector for pod labels when the template has none', () => {
    const index = load(`apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec: {selector: {matchLabels: {app: a}}, template: {spec: {}}}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: b}
spec: {selector: {app: b}, template: {metadata: {}, spec: {}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: c}
spec: {selector: {matchLabels: {app: c}}, template: {metadata: {labels: {app: c, v: "2"}}}}
`);
    assert.deepEqual(
      index.all.map((l) => effectivePodLabels(l.object)),
      [{ app: 'a' }, { app: 'b' }, { app: 'c', v: '2' }],
    );
  });

  it('maps PDBs to workloads and takes the HPA floor', () => {
    const index = load(`apiVersion: apps/v1
kind: Deployment
metadata: {name: a, namespace: n}
spec: {replicas: 4, template: {metadata: {labels: {app: a}}}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: p, namespace: n}
spec: {minAvailable: 1, selector: {matchLabels: {app: a}}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: q, namespace: other}
spec: {minAvailable: 1, selector: {matchLabels: {app: a}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: h, namespace: n}
spec: {scaleTargetRef: {kind: Deployment, name: a}, minReplicas: 2, maxReplicas: 9}
`);
    const [deploy, p, q] = index.all;
    assert.deepEqual(pdbIndex(index).byWorkload.get(deploy!), [p]);
    assert.deepEqual(pdbIndex(index).byPdb.get(q!), []);
    assert.equal(replicaFloor(index, deploy!)?.replicas, 2);
  });
});
