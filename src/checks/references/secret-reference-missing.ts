// https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets
import { defineCheck } from '../../core/check.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';
import { missingDataReferences } from './shared.ts';

export const secretReferenceMissing = defineCheck({
  id: 'secret-reference-missing',
  title: 'Pod references a Secret or Secret key that does not exist',
  severity: 'high',
  category: 'configuration',
  indexes: ['references', 'secrets-and-providers'],
  description:
    'A pod that mounts a Secret, reads it with envFrom, reads one of its keys with secretKeyRef or volume ' +
    'items, or pulls images with an imagePullSecret does not start (or cannot pull) while the Secret or key ' +
    'is missing. Secrets that cert-manager Certificates, SealedSecrets or ExternalSecrets in the set will ' +
    'create count as present. References marked optional: true are exempt.',
  remediation:
    'Create the Secret (with the key) in the same namespace, fix the name or key, or mark the reference ' +
    'optional: true if the pod can run without it.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/secret/',
    'https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/',
  ],
  appliesTo: WORKLOAD_KINDS,
  example: {
    bad: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      imagePullSecrets: [{name: regcred}]      # not in the set
      containers: [{name: web, image: registry.example.com/web:1.4.2}]
`,
    good: `apiVersion: v1
kind: Secret
metadata: {name: regcred}
type: kubernetes.io/dockerconfigjson
data: {.dockerconfigjson: e30=}
`,
  },
  peers: { 'kube-linter': ['env-value-from'] },
  *check(loaded, ctx) {
    yield* missingDataReferences('Secret', loaded, ctx);
  },
});
