import { testCheck } from '../../../test/support/check-tester.ts';
import { containerResourcesOutOfRange } from './container-resources-out-of-range.ts';

const pod = (resources: string, init = '') => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: "c:1", resources: ${resources}}]
${init}`;
const ranges = {
  ranges: {
    'limits.cpu': { min: '100m', max: '2' },
    'limits.memory': { min: '100Mi', max: '6G' },
    'requests.memory': { max: '4Gi' },
  },
};

testCheck(containerResourcesOutOfRange, {
  valid: [
    { name: 'no ranges configured', yaml: pod('{limits: {cpu: 64, memory: 1Ti}}') },
    {
      name: 'within the ranges',
      yaml: pod('{limits: {cpu: 1.5, memory: 104857600}, requests: {memory: 4Gi}}'),
      params: ranges,
    },
    { name: 'unset values are not this check’s concern', yaml: pod('{}'), params: ranges },
    {
      name: 'run-to-completion init containers are not checked',
      yaml: pod(
        '{limits: {cpu: 1}}',
        '  initContainers: [{name: i, image: "i:1", resources: {limits: {cpu: 8}}}]',
      ),
      params: ranges,
    },
    {
      name: 'malformed ranges are ignored',
      yaml: pod('{limits: {cpu: 1}}'),
      params: { ranges: { cpu: { max: 0 }, 'limits.cpu': null } },
    },
  ],
  invalid: [
    {
      name: 'cpu below the minimum',
      yaml: pod('{limits: {cpu: 0.05, memory: 250Mi}}'),
      params: ranges,
      findings: [
        {
          message: 'container "c" cpu limit 0.05 is below the minimum 100m',
          path: 'spec.containers[0].resources.limits.cpu',
        },
      ],
    },
    {
      name: 'one byte below 100Mi, and 6Gi above 6G',
      yaml: pod(
        '{limits: {memory: 104857599}}',
        '  initContainers: [{name: s, image: "s:1", restartPolicy: Always, resources: {limits: {memory: 6Gi}}}]',
      ),
      params: ranges,
      findings: [
        { message: 'container "c" memory limit 104857599 is below the minimum 100Mi' },
        { message: 'container "s" memory limit 6Gi is above the maximum 6G' },
      ],
    },
    {
      name: 'request above its maximum',
      yaml: pod('{requests: {memory: 5Gi}}'),
      params: ranges,
      findings: [{ message: 'container "c" memory request 5Gi is above the maximum 4Gi' }],
    },
  ],
});
