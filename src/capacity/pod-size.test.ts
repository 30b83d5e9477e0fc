import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { podRequests } from '../k8s/scheduling.ts';
import { indexOf } from '../testing/capacity-objects.ts';
import { isWorkloadRef, type PodShape, shapeFromSize, shapeFromWorkload } from './pod-size.ts';

const deployment = (containers: object[]) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { tolerations: [{ key: 'x', operator: 'Exists' }], containers },
    },
  },
});

describe('--pod-size', () => {
  it('reads NAME=QUANTITY lists', () => {
    const shape = shapeFromSize('cpu=500m,memory=1Gi,nvidia.com/gpu=1', 'default') as PodShape;
    assert.equal(shape.label, 'cpu=500m,memory=1Gi,nvidia.com/gpu=1');
    assert.deepEqual(Object.fromEntries(podRequests(shape.spec)), {
      cpu: 500,
      memory: 1024 ** 3,
      'nvidia.com/gpu': 1,
    });
    assert.equal(isWorkloadRef('cpu=1'), false);
    assert.equal(isWorkloadRef('deployment/web'), true);
  });

  it('says what is wrong with a bad size', () => {
    assert.match(shapeFromSize('cpu=lots', 'default') as string, /"lots" is not a Kubernetes quantity/);
    assert.match(shapeFromSize('cpu', 'default') as string, /is not NAME=QUANTITY/);
    assert.match(shapeFromSize('cpu=1=2', 'default') as string, /is not NAME=QUANTITY/);
    assert.match(shapeFromSize('cpu=-1', 'default') as string, /not a Kubernetes quantity/);
  });

  it('takes a workload’s pod template, labels and placement', () => {
    const index = indexOf([deployment([{ name: 'app', resources: { requests: { cpu: '250m' } } }]) as never]);
    const shape = shapeFromWorkload(index, 'deploy/web', 'shop') as PodShape;
    assert.equal(shape.label, 'Deployment shop/web');
    assert.deepEqual(shape.labels, { app: 'web' });
    assert.equal(shape.spec.tolerations?.length, 1);
    assert.match(
      shapeFromWorkload(index, 'deploy/api', 'shop') as string,
      /no Deployment "api" in namespace "shop"/,
    );
    assert.match(shapeFromWorkload(index, 'widget/web', 'shop') as string, /neither NAME=QUANTITY/);
    assert.match(
      shapeFromWorkload(index, 'statefulset/db', 'shop') as string,
      /StatefulSet objects could not be read/,
    );
  });

  it('applies the namespace’s LimitRange defaults as admission will', () => {
    const range = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults', namespace: 'shop' },
      spec: {
        limits: [
          { type: 'Container', default: { cpu: '1', memory: '512Mi' }, defaultRequest: { cpu: '200m' } },
        ],
      },
    };
    const index = indexOf([
      deployment([
        { name: 'bare' },
        { name: 'limited', resources: { limits: { memory: '1Gi' } } },
        { name: 'set', resources: { requests: { cpu: '50m', memory: '64Mi' } } },
      ]) as never,
      range as never,
    ]);
    const shape = shapeFromWorkload(index, 'deployment/web', 'shop') as PodShape;
    const [bare, limited, set] = shape.spec.containers!;
    // A request unset: defaultRequest, else the default limit (memory); the container's own limit wins over both.
    assert.deepEqual(bare!.resources, {
      limits: { cpu: '1', memory: '512Mi' },
      requests: { cpu: '200m', memory: '512Mi' },
    });
    assert.deepEqual(limited!.resources, {
      limits: { memory: '1Gi', cpu: '1' },
      requests: { cpu: '200m', memory: '1Gi' },
    });
    assert.deepEqual(set!.resources?.requests, { cpu: '50m', memory: '64Mi' });
    // Another namespace's LimitRange does not apply.
    const elsewhere = indexOf([
      deployment([{ name: 'bare' }]) as never,
      { ...range, metadata: { name: 'd', namespace: 'x' } } as never,
    ]);
    assert.deepEqual(
      (shapeFromWorkload(elsewhere, 'deployment/web', 'shop') as PodShape).spec.containers![0],
      { name: 'bare' },
    );
  });
});
