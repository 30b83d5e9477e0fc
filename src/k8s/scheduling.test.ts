// Effective pod requests as kube-scheduler's NodeResourcesFit computes them:
// https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/#resource-sharing-within-containers
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectIndex } from '../core/index.ts';
import { deepFreeze, type KubeObject, refOf } from '../core/object.ts';
import { node, pod } from '../testing/cluster-builders.ts';
import { explainScheduling, podLimits, podRequests } from './scheduling.ts';
import type { PodSpec } from './workloads.ts';

const units = (spec: unknown) => Object.fromEntries(podRequests(spec as PodSpec));

describe('podRequests', () => {
  it('sums app containers, a missing request taking the limit (API server defaulting)', () => {
    assert.deepEqual(
      units({
        containers: [
          { name: 'a', resources: { requests: { cpu: '250m', memory: '128Mi' } } },
          { name: 'b', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { memory: '256Mi' } } },
          { name: 'c' },
        ],
      }),
      { cpu: 1250, memory: 384 * 2 ** 20 },
    );
  });

  it('takes the larger of the app containers and each init container; sidecars add to both', () => {
    assert.deepEqual(
      units({
        initContainers: [
          { name: 'mesh', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } },
          { name: 'migrate', resources: { requests: { cpu: '2', memory: '64Mi' } } },
        ],
        containers: [{ name: 'app', resources: { requests: { cpu: '500m', memory: '512Mi' } } }],
      }),
      // cpu: max(500m + 100m sidecar, 2 + 100m sidecar running during init) = 2100m; memory: max(512Mi, 64Mi).
      { cpu: 2100, memory: 512 * 2 ** 20 },
    );
  });

  it('adds pod overhead, tolerates odd shapes, and reads a resource named like an Object property', () => {
    assert.deepEqual(
      units({
        overhead: { cpu: '50m' },
        containers: [
          { name: 'a', resources: { requests: { cpu: '100m' }, limits: { constructor: '2', cpu: '1' } } },
          { name: 'b', resources: null },
          null,
        ],
        initContainers: 'not a list',
      }),
      { cpu: 150, constructor: 2 },
    );
  });
});

describe('pod-level resources and podLimits', () => {
  it('pod-level cpu and memory replace the container sums; a request unset there takes the pod-level limit', () => {
    assert.deepEqual(
      units({
        resources: { requests: { cpu: '1' }, limits: { cpu: '2', memory: '1Gi' } },
        overhead: { cpu: '10m' },
        containers: [
          { name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi', 'nvidia.com/gpu': '1' } } },
        ],
      }),
      { cpu: 1010, memory: 2 ** 30, 'nvidia.com/gpu': 1 },
    );
  });

  it('limits: containers without one add nothing, overhead only where some limit is set', () => {
    assert.deepEqual(
      Object.fromEntries(
        podLimits({
          overhead: { cpu: '10m', memory: '8Mi' },
          initContainers: [
            { name: 'mesh', restartPolicy: 'Always', resources: { limits: { memory: '64Mi' } } },
          ],
          containers: [
            { name: 'a', resources: { requests: { cpu: '1' }, limits: { memory: '128Mi' } } },
            { name: 'b' },
          ],
        } as PodSpec),
      ),
      { memory: 200 * 2 ** 20 },
    );
  });
});

describe('explainScheduling against what is bound to each node', () => {
  const indexOf = (objects: KubeObject[]) =>
    new ObjectIndex(
      objects.map((o) => {
        const copy = deepFreeze(structuredClone(o));
        return { object: copy, ref: refOf(copy) };
      }),
      { partial: false },
    );
  const withPorts = (p: KubeObject, hostPort: number) => {
    (p.spec as { containers: { ports?: unknown[] }[] }).containers[0]!.ports = [
      { containerPort: 80, hostPort },
    ];
    return p;
  };

  it('counts bound pods with init containers and overhead as the scheduler does, and their host ports', () => {
    const bound = pod('batch-1', { nodeName: 'n1', cpu: '1' });
    // Effective request: max(app 1 cpu + sidecar 500m, init 3 cpu + sidecar 500m) + 250m overhead = 3750m.
    Object.assign(bound.spec as object, {
      initContainers: [
        { name: 'mesh', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } },
        { name: 'warm', resources: { requests: { cpu: '3' } } },
      ],
      overhead: { cpu: '250m' },
    });
    const plain = withPorts(pod('web-1', { nodeName: 'n2', cpu: '3' }), 8080);
    const pending = withPorts(pod('web-2', { cpu: '500m', state: { kind: 'pending' } }), 8080);
    const index = indexOf([node('n1', { cpu: '4' }), node('n2', { cpu: '4' }), bound, plain, pending]);
    const explanation = explainScheduling(index, index.get('Pod', 'default', 'web-2')!);
    assert.equal(
      explanation.summary,
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't have free ports for the requested pod ports.",
    );
    assert.deepEqual(explanation.verdicts.find((v) => v.node.ref.name === 'n1')?.details, [
      'cpu: requests 500m, 250m of 4 free',
    ]);
  });
});
