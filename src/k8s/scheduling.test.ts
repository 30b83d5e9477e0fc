// Effective pod requests as kube-scheduler's NodeResourcesFit computes them:
// https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/#resource-sharing-within-containers
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { podRequests } from './scheduling.ts';
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
