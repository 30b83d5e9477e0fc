import { testCheck } from '../../../test/support/check-tester.ts';
import { workloadRollingUpdateMissing } from './workload-rolling-update-missing.ts';

const workload = (kind: string, strategy: string) => `
apiVersion: apps/v1
kind: ${kind}
metadata: {name: w}
spec:
  ${strategy}
  selector: {matchLabels: {app: w}}
  template: {metadata: {labels: {app: w}}, spec: {containers: [{name: w, image: "w:1"}]}}
`;

testCheck(workloadRollingUpdateMissing, {
  valid: [
    { name: 'unset defaults to RollingUpdate', yaml: workload('Deployment', 'replicas: 2') },
    { name: 'explicit RollingUpdate', yaml: workload('Deployment', 'strategy: {type: RollingUpdate}') },
    {
      name: 'StatefulSet RollingUpdate',
      yaml: workload('StatefulSet', 'updateStrategy: {type: RollingUpdate}'),
    },
    {
      name: 'DeploymentConfig Rolling',
      yaml: `
apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata: {name: dc}
spec: {strategy: {type: Rolling}, template: {spec: {containers: []}}}
`,
    },
  ],
  invalid: [
    {
      name: 'Recreate',
      yaml: workload('Deployment', 'strategy: {type: Recreate}'),
      findings: [
        {
          message: 'Deployment "w" uses the Recreate update strategy, not RollingUpdate',
          path: 'spec.strategy.type',
        },
      ],
    },
    {
      name: 'DaemonSet OnDelete',
      yaml: workload('DaemonSet', 'updateStrategy: {type: OnDelete}'),
      findings: [{ message: /DaemonSet "w" uses the OnDelete update strategy/ }],
    },
  ],
});
