// https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context
import { defineCheck, type FixEdit } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const podServiceAccountFieldDeprecated = defineCheck({
  id: 'pod-service-account-field-deprecated',
  title: 'Pod uses the deprecated serviceAccount field',
  severity: 'low',
  category: 'configuration',
  description:
    'spec.serviceAccount is a deprecated alias of spec.serviceAccountName. When only serviceAccount is set, ' +
    'the API server copies it into serviceAccountName; when both are set and differ, serviceAccountName wins ' +
    'and serviceAccount silently misleads readers (reported as medium).',
  remediation: 'Use spec.serviceAccountName and remove spec.serviceAccount.',
  docs: ['https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/'],
  appliesTo: WORKLOAD_KINDS,
  fixes: {
    safe: 'move the name to serviceAccountName (the same account: the API server reads the old field as its alias).',
  },
  peers: { 'kube-linter': ['deprecated-service-account-field'] },
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    const pod = podSpecOf(object);
    if (!pod) return;
    const { serviceAccount, serviceAccountName } = pod.spec;
    if (typeof serviceAccount !== 'string' || serviceAccount === '') return;
    const path = [...pod.path, 'serviceAccount'];
    const nameSet = typeof serviceAccountName === 'string' && serviceAccountName !== '';
    if (nameSet && serviceAccountName !== serviceAccount) {
      yield {
        path,
        severity: 'medium',
        message: `pod sets serviceAccount "${serviceAccount}" but serviceAccountName "${serviceAccountName}", which wins`,
      };
      return;
    }
    const edits: FixEdit[] = nameSet
      ? [{ op: 'remove', path }]
      : [
          { op: 'set', path: [...pod.path, 'serviceAccountName'], value: serviceAccount },
          { op: 'remove', path },
        ];
    yield {
      path,
      message: `pod uses the deprecated serviceAccount field ("${serviceAccount}")`,
      fix: { description: 'use serviceAccountName instead of serviceAccount', edits, safety: 'safe' },
    };
  },
});
