import assert from 'node:assert/strict';
import { it } from 'node:test';
import { testCheck } from '../../../test/support/check-tester.ts';
import { containerCpuLimitMissing } from './container-cpu-limit-missing.ts';

const pod = (resources: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: c, image: "c:1", resources: ${resources}}]}
`;

it('is off by default (many teams deliberately run without CPU limits)', () => {
  assert.equal(containerCpuLimitMissing.enabledByDefault, false);
});

testCheck(containerCpuLimitMissing, {
  valid: [{ name: 'limit set', yaml: pod('{limits: {cpu: 500m}}') }],
  invalid: [
    {
      name: 'request only',
      yaml: pod('{requests: {cpu: 500m}}'),
      findings: [{ message: 'container "c" has no CPU limit' }],
    },
  ],
});
