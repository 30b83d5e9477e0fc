import { testCheck } from '../../../test/support/check-tester.ts';
import { containerRunsAsRoot } from './container-runs-as-root.ts';

const pod = (podLevel: string, container: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: ${podLevel || '{}'}
  containers:
    - name: app
      securityContext: ${container || '{}'}
`;

testCheck(containerRunsAsRoot, {
  valid: [
    { name: 'pod runAsNonRoot', yaml: pod('{runAsNonRoot: true}', '') },
    { name: 'container runAsNonRoot', yaml: pod('', '{runAsNonRoot: true}') },
    { name: 'pod runAsUser 1000', yaml: pod('{runAsUser: 1000}', '') },
    {
      name: 'container runAsUser overrides pod runAsUser 0',
      yaml: pod('{runAsUser: 0}', '{runAsUser: 1000}'),
    },
    {
      name: 'non-root user makes runAsNonRoot false irrelevant',
      yaml: pod('{runAsUser: 1000}', '{runAsNonRoot: false}'),
    },
    {
      name: 'root group allowed by params',
      yaml: pod('{runAsNonRoot: true, runAsGroup: 0}', ''),
      params: { flagRootGroup: false },
    },
    { name: 'windows pod', yaml: pod('', '').replace('spec:\n', 'spec:\n  os: {name: windows}\n') },
  ],
  invalid: [
    {
      name: 'nothing set',
      yaml: pod('', ''),
      findings: [
        {
          message: 'container "app" sets neither runAsNonRoot: true nor a non-root runAsUser',
          severity: 'medium',
        },
      ],
    },
    {
      name: 'container runAsNonRoot false overrides pod true',
      yaml: pod('{runAsNonRoot: true}', '{runAsNonRoot: false}'),
      findings: [
        { message: /sets runAsNonRoot: false/, path: 'spec.containers[0].securityContext.runAsNonRoot' },
      ],
    },
    {
      name: 'runAsUser 0 at pod level',
      yaml: pod('{runAsUser: 0}', ''),
      findings: [
        {
          message: 'container "app" runs as root (runAsUser 0)',
          severity: 'high',
          path: 'spec.securityContext.runAsUser',
        },
      ],
    },
    {
      name: 'runAsUser 0 with runAsNonRoot cannot start',
      yaml: pod('{runAsNonRoot: true}', '{runAsUser: 0}'),
      findings: [{ message: /cannot start/ }],
    },
    {
      name: 'root group',
      yaml: pod('{runAsUser: 1001, runAsGroup: 0}', ''),
      findings: [{ message: 'container "app" runs with runAsGroup 0' }],
    },
  ],
});
