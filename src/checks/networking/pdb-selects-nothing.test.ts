import { testCheck } from '../../../test/support/check-tester.ts';
import { pdbSelectsNothing } from './pdb-selects-nothing.ts';

const deploy = (template: string) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: api}}
  template:
${template}
    spec: {containers: [{name: api, image: "api:1"}]}
`;
const pdb = (selector: string) => `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: api, namespace: shop}
spec:
  maxUnavailable: 1
${selector}
`;

const operated = `---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec: {podMetadata: {labels: {app.kubernetes.io/component: prometheus}}}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec: {}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: grafana, namespace: monitoring}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: grafana}}
  template:
    metadata: {labels: {app.kubernetes.io/name: grafana}}
    spec: {containers: [{name: grafana, image: "grafana:11"}]}
`;

testCheck(pdbSelectsNothing, {
  valid: [
    {
      name: 'selects the pods of a Prometheus custom resource (operator labels plus podMetadata)',
      yaml:
        operated +
        `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: prometheus-k8s, namespace: monitoring}
spec:
  minAvailable: 1
  selector: {matchLabels: {app.kubernetes.io/component: prometheus, app.kubernetes.io/instance: k8s, app.kubernetes.io/name: prometheus}}
`,
    },
    {
      name: 'selector matches template labels',
      yaml: deploy('    metadata: {labels: {app: api}}') + pdb('  selector: {matchLabels: {app: api}}'),
    },
    {
      name: 'template without labels: the workload selector tells the pod labels',
      yaml: deploy('    metadata: {}') + pdb('  selector: {matchLabels: {app: api}}'),
    },
    { name: 'empty selector: every pod of the namespace', yaml: pdb('  selector: {}') },
  ],
  invalid: [
    {
      name: 'a Prometheus of another name: medium',
      yaml:
        operated +
        `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: prometheus-main, namespace: monitoring}
spec:
  minAvailable: 1
  selector: {matchLabels: {app.kubernetes.io/name: prometheus, app.kubernetes.io/instance: main}}
`,
      findings: [{ severity: 'medium' }],
    },
    {
      name: 'typo',
      yaml:
        deploy('    metadata: {labels: {app: api}}') + pdb('  selector: {matchLabels: {app: api-server}}'),
      findings: [
        {
          message:
            'PodDisruptionBudget "api" selects pods with app=api-server but no workload in the input has those labels',
          path: 'spec.selector',
        },
      ],
    },
    {
      name: 'no selector at all',
      yaml: deploy('    metadata: {labels: {app: api}}') + pdb(''),
      findings: [{ message: 'PodDisruptionBudget "api" has no selector, so it selects no pods' }],
    },
  ],
});
