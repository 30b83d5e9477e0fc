// https://kubernetes.io/docs/concepts/configuration/configmap/#using-configmaps
import { defineCheck } from '../../core/check.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';
import { missingDataReferences } from './shared.ts';

export const configmapReferenceMissing = defineCheck({
  id: 'configmap-reference-missing',
  title: 'Pod references a ConfigMap or ConfigMap key that does not exist',
  severity: 'high',
  category: 'configuration',
  indexes: ['objects-named:ConfigMap', 'references'],
  description:
    'A pod that mounts a ConfigMap, reads it with envFrom, or reads one of its keys with configMapKeyRef or ' +
    'volume items does not start while the ConfigMap or key is missing: the container stays in ' +
    'CreateContainerConfigError or the pod in ContainerCreating. References marked optional: true are exempt.',
  remediation:
    'Create the ConfigMap (with the key) in the same namespace, fix the name or key, or mark the reference ' +
    'optional: true if the pod can run without it.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/configmap/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/',
  ],
  appliesTo: WORKLOAD_KINDS,
  example: {
    bad: `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {LOG_LEVEL: info}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: web
        image: web:1.4.2
        env:
        - name: LOG_LEVEL
          valueFrom: {configMapKeyRef: {name: settings, key: LOGLEVEL}}   # no such key
`,
    good: `          valueFrom: {configMapKeyRef: {name: settings, key: LOG_LEVEL}}
`,
  },
  peers: { 'kube-linter': ['env-value-from'] },
  *check(loaded, ctx) {
    yield* missingDataReferences('ConfigMap', loaded, ctx);
  },
});
