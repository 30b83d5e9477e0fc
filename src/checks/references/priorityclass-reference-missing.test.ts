import { testCheck } from '../../../test/support/check-tester.ts';
import { priorityclassReferenceMissing } from './priorityclass-reference-missing.ts';

const ds = (name: string, namespace = 'kube-system') => `---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      priorityClassName: ${name}
      containers: [{name: agent, image: "agent:1"}]
`;
const pc = `---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
`;

testCheck(priorityclassReferenceMissing, {
  valid: [
    { name: 'built-in system-node-critical', yaml: ds('system-node-critical') },
    { name: 'built-in system-cluster-critical', yaml: ds('system-cluster-critical') },
    { name: 'PriorityClass is cluster-scoped: found from any namespace', yaml: pc + ds('high', 'apps') },
  ],
  invalid: [
    {
      name: 'unknown PriorityClass',
      yaml: pc + ds('hihg'),
      findings: [
        {
          message: 'priorityClassName references PriorityClass "hihg", which is not in the input',
          path: 'spec.template.spec.priorityClassName',
          severity: 'info',
        },
      ],
    },
  ],
});
