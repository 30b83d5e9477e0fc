import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCheckOn, testCheck } from '../../../test/support/check-tester.ts';
import { effectivePullPolicy, imagePullPolicyNotAlways } from './image-pull-policy-not-always.ts';

const pod = (container: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - ${container}
`;

it('defaults the policy like the API server', () => {
  assert.equal(effectivePullPolicy('nginx', undefined), 'Always');
  assert.equal(effectivePullPolicy('nginx:latest', undefined), 'Always');
  assert.equal(effectivePullPolicy('nginx:1.27', undefined), 'IfNotPresent');
  assert.equal(effectivePullPolicy('nginx@sha256:abc', undefined), 'IfNotPresent');
  assert.equal(effectivePullPolicy('nginx:1.27', 'Never'), 'Never');
});

it('offers a fix that sets Always', () => {
  const [finding] = runCheckOn(imagePullPolicyNotAlways, {
    name: 'fix',
    yaml: pod('{name: c, image: "c:1.0"}'),
  });
  assert.deepEqual(finding?.fix?.edits, [
    { op: 'set', path: ['spec', 'containers', 0, 'imagePullPolicy'], value: 'Always' },
  ]);
});

testCheck(imagePullPolicyNotAlways, {
  valid: [
    { name: 'explicit Always', yaml: pod('{name: c, image: "c:1.0", imagePullPolicy: Always}') },
    { name: 'unset with :latest defaults to Always', yaml: pod('{name: c, image: "c:latest"}') },
    {
      name: 'unset without a tag defaults to Always',
      yaml: pod('{name: c, image: "registry.local:5000/c"}'),
    },
    { name: 'no image', yaml: pod('{name: c}') },
  ],
  invalid: [
    {
      name: 'IfNotPresent',
      yaml: pod('{name: c, image: "c:latest", imagePullPolicy: IfNotPresent}'),
      findings: [
        {
          message: 'container "c" has imagePullPolicy IfNotPresent',
          path: 'spec.containers[0].imagePullPolicy',
        },
      ],
    },
    {
      name: 'unset with a version tag',
      yaml: pod('{name: c, image: "c:1.0"}'),
      findings: [
        {
          message: 'container "c" defaults to imagePullPolicy IfNotPresent',
          path: 'spec.containers[0].image',
        },
      ],
    },
    {
      name: 'Never on an init container',
      yaml: `${pod('{name: c, image: "c", imagePullPolicy: Always}')}  initContainers: [{name: i, image: "i:1", imagePullPolicy: Never}]\n`,
      findings: [{ message: 'container "i" has imagePullPolicy Never' }],
    },
  ],
});
