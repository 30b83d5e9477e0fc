import { testCheck } from '../../../test/support/check-tester.ts';
import { containerRequestsExceedLimits } from './container-requests-exceed-limits.ts';

const pod = (resources: string, init = '') => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: "c:1", resources: ${resources}}]
${init}`;

testCheck(containerRequestsExceedLimits, {
  valid: [
    {
      name: 'request below limit',
      yaml: pod('{requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: 1, memory: 1Gi}}'),
    },
    {
      name: 'units differ but request is lower',
      yaml: pod('{requests: {memory: 1G}, limits: {memory: 1Gi}}'),
    },
    { name: 'exponent notation', yaml: pod('{requests: {cpu: 1e-1}, limits: {cpu: 100m}}') },
    { name: 'request without limit', yaml: pod('{requests: {cpu: 2}}') },
    {
      name: 'extended resource with equal limit',
      yaml: pod('{requests: {nvidia.com/gpu: 1}, limits: {nvidia.com/gpu: 1}}'),
    },
    { name: 'extended resource with limit only', yaml: pod('{limits: {nvidia.com/gpu: 2}}') },
    {
      name: 'invalid quantities are the schema check’s finding',
      yaml: pod('{requests: {cpu: x}, limits: {cpu: 1}}'),
    },
    { name: 'resources not a map', yaml: pod('{requests: [1], limits: 3}') },
  ],
  invalid: [
    {
      name: 'memory request above limit (1Gi > 1G)',
      yaml: pod('{requests: {memory: 1Gi}, limits: {memory: 1G}}'),
      findings: [
        {
          message: 'container "c" memory request 1Gi is above its limit 1G',
          path: 'spec.containers[0].resources.requests.memory',
        },
      ],
    },
    {
      name: 'cpu in init container',
      yaml: pod(
        '{}',
        '  initContainers: [{name: i, image: "i:1", resources: {requests: {cpu: 2}, limits: {cpu: 1500m}}}]',
      ),
      findings: [{ message: 'container "i" cpu request 2 is above its limit 1500m' }],
    },
    {
      name: 'extended resource overcommitted or without limit',
      yaml: pod(
        '{requests: {nvidia.com/gpu: 1, example.com/dongle: 1, hugepages-2Mi: 100Mi}, limits: {nvidia.com/gpu: 2, hugepages-2Mi: 100Mi}}',
      ),
      findings: [
        { message: /"nvidia.com\/gpu" cannot be overcommitted/ },
        { message: 'container "c" requests the extended resource "example.com/dongle" without a limit' },
      ],
    },
  ],
});
