// https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service
import { defineCheck } from '../../core/check.ts';
import { formatSelector } from '../../k8s/labels.ts';
import { workloadsSelectedByMap } from '../../k8s/pod-templates.ts';

export const serviceSelectorNoMatch = defineCheck({
  id: 'service-selector-no-match',
  title: 'Service selector matches no workload',
  severity: 'high',
  category: 'networking',
  description:
    'A Service sends traffic to the pods its selector matches. When no workload in the set creates pods with ' +
    'those labels, the Service has no endpoints and every request to it fails. Usually a typo in a label.',
  remediation:
    'Make the Service selector equal to labels of the pod template (spec.template.metadata.labels) of the ' +
    'workload it fronts.',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/service/'],
  appliesTo: ['Service'],
  peers: { 'kube-linter': ['dangling-service'] },
  *check({ object, ref }, { index }) {
    const spec = object.spec as { selector?: Record<string, string>; type?: string } | undefined;
    const selector = spec?.selector;
    // No selector: endpoints are managed by hand (or ExternalName); nothing to match.
    if (!selector || Object.keys(selector).length === 0 || spec?.type === 'ExternalName') return;
    if (workloadsSelectedByMap(index, ref.namespace ?? '', selector).length > 0) return;
    yield {
      path: ['spec', 'selector'],
      message: `Service "${ref.name}" selects pods with ${formatSelector(selector)} but no workload in ${
        index.partial ? 'the input' : 'the cluster'
      } has those labels`,
    };
  },
});
