import { testCheck } from '../../../test/support/check-tester.ts';
import { workloadRollingUpdateInvalid } from './workload-rolling-update-invalid.ts';

const workload = (kind: string, strategy: string) => `
apiVersion: apps/v1
kind: ${kind}
metadata: {name: w}
spec:
  ${kind === 'DaemonSet' ? 'updateStrategy' : 'strategy'}: ${strategy}
  selector: {matchLabels: {app: w}}
  template: {metadata: {labels: {app: w}}, spec: {containers: []}}
`;

testCheck(workloadRollingUpdateInvalid, {
  valid: [
    {
      name: 'surge 1, unavailable 0',
      yaml: workload('Deployment', '{type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}'),
    },
    {
      name: 'unavailable 0 with default surge 25%',
      yaml: workload('Deployment', '{rollingUpdate: {maxUnavailable: 0}}'),
    },
    { name: 'Recreate without parameters', yaml: workload('Deployment', '{type: Recreate}') },
    {
      name: 'DaemonSet surge',
      yaml: workload('DaemonSet', '{type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}'),
    },
    {
      name: 'malformed values are schema findings',
      yaml: workload('Deployment', '{rollingUpdate: {maxSurge: "x", maxUnavailable: "0%"}}'),
    },
  ],
  invalid: [
    {
      name: 'both zero',
      yaml: workload(
        'Deployment',
        '{type: RollingUpdate, rollingUpdate: {maxSurge: "0%", maxUnavailable: 0}}',
      ),
      findings: [
        {
          message: 'Deployment "w" sets maxUnavailable and maxSurge to 0, so the rollout can never progress',
          path: 'spec.strategy.rollingUpdate',
        },
      ],
    },
    {
      name: 'DaemonSet maxUnavailable 0 with default surge 0',
      yaml: workload('DaemonSet', '{rollingUpdate: {maxUnavailable: 0}}'),
      findings: [{ message: /DaemonSet "w" sets maxUnavailable and maxSurge to 0/ }],
    },
    {
      name: 'over 100%',
      yaml: workload('Deployment', '{rollingUpdate: {maxUnavailable: "150%"}}'),
      findings: [{ message: /maxUnavailable 150% is above 100%/ }],
    },
    {
      name: 'Recreate with rollingUpdate',
      yaml: workload('Deployment', '{type: Recreate, rollingUpdate: {maxSurge: 1}}'),
      findings: [{ message: 'Deployment "w" sets rollingUpdate parameters with the Recreate strategy' }],
    },
  ],
});
