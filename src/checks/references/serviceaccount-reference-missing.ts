// https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
import { defineCheck } from '../../core/check.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';
import { missingObjectReferences } from './shared.ts';

export const serviceaccountReferenceMissing = defineCheck({
  id: 'serviceaccount-reference-missing',
  title: 'Pod runs as a ServiceAccount that does not exist',
  severity: 'high',
  category: 'configuration',
  indexes: ['references'],
  description:
    'The API server refuses to create a pod whose serviceAccountName (or the deprecated serviceAccount) names ' +
    'a ServiceAccount missing from its namespace, so the workload never gets pods. The "default" ' +
    'ServiceAccount exists in every namespace.',
  remediation: 'Create the ServiceAccount in the same namespace as the workload, or fix the name.',
  docs: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/'],
  appliesTo: WORKLOAD_KINDS,
  peers: { 'kube-linter': ['non-existent-service-account'] },
  *check(loaded, ctx) {
    yield* missingObjectReferences(['ServiceAccount'], loaded, ctx);
  },
});
