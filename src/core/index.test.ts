import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hpaUtilizationRequestMissing } from '../checks/reliability/hpa-utilization-request-missing.ts';
import { parseManifestText } from '../sources/files/parse-yaml.ts';
import { runChecks } from './engine.ts';
import { ObjectIndex } from './index.ts';

const deployment = (cpu: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: web:1, resources: {requests: {${cpu}}}}]
`;
const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
`;
// Two environments of one app, as a repository lays them out: sibling directories are alternatives.
const objects = [
  ...parseManifestText(deployment('memory: 1Gi'), 'envs/dev/deploy.yaml').objects,
  ...parseManifestText(hpa, 'envs/dev/hpa.yaml').objects,
  ...parseManifestText(deployment('cpu: 100m'), 'envs/prod/deploy.yaml').objects,
  ...parseManifestText(hpa, 'envs/prod/hpa.yaml').objects,
];

describe('ObjectIndex.get', () => {
  const index = new ObjectIndex(objects, { partial: true });
  const [devDeployment, devHpa, prodDeployment, prodHpa] = objects;

  it('without a neighbour: the first object of that name', () => {
    assert.equal(index.get('Deployment', 'shop', 'web'), devDeployment);
  });

  it('near an object: the one of the same directory', () => {
    assert.equal(index.get('Deployment', 'shop', 'web', prodHpa), prodDeployment);
    assert.equal(index.get('Deployment', 'shop', 'web', devHpa), devDeployment);
  });

  it('near an object of another directory with no such object: still the first', () => {
    const [elsewhere] = parseManifestText(hpa, 'envs/qa/hpa.yaml').objects;
    assert.equal(index.get('Deployment', 'shop', 'web', elsewhere), devDeployment);
  });

  it('a cross-object check judges each environment by its own target', () => {
    const { findings } = runChecks(
      index,
      [{ check: hpaUtilizationRequestMissing, params: {}, severity: hpaUtilizationRequestMissing.severity }],
      { now: new Date('2026-11-28T00:00:00Z') },
    );
    // dev's Deployment has no cpu request, prod's has one: only dev's HPA is reported.
    assert.deepEqual(
      findings.map((f) => f.file),
      ['envs/dev/hpa.yaml'],
    );
  });
});
