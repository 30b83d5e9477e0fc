import { testCheck } from '../../../test/support/check-tester.ts';
import { workloadTopologySpreadMissing } from './workload-topology-spread-missing.ts';

const statefulSet = (spread: string) => `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "d:1"}]
${spread}`;

testCheck(workloadTopologySpreadMissing, {
  valid: [
    {
      name: 'zone spread',
      yaml: statefulSet(
        '      topologySpreadConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}]\n',
      ),
    },
    {
      name: 'Job exempt',
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec: {template: {spec: {restartPolicy: Never, containers: [{name: j, image: "j:1"}]}}}
`,
    },
    {
      name: 'DaemonSet exempt',
      yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: d}
spec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: []}}}
`,
    },
  ],
  invalid: [
    {
      name: 'none',
      yaml: statefulSet(''),
      findings: [{ message: 'pod has no topology spread constraints', path: 'spec.template.spec' }],
    },
    {
      name: 'empty list',
      yaml: statefulSet('      topologySpreadConstraints: []\n'),
      findings: [{ message: 'pod has no topology spread constraints' }],
    },
    {
      name: 'only a custom key',
      yaml: statefulSet(
        '      topologySpreadConstraints: [{maxSkew: 1, topologyKey: rack, whenUnsatisfiable: DoNotSchedule}]\n',
      ),
      findings: [
        {
          message: /none over kubernetes.io\/hostname or topology.kubernetes.io\/zone/,
          path: 'spec.template.spec.topologySpreadConstraints',
        },
      ],
    },
  ],
});
