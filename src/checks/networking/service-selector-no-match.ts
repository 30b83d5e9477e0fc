// https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service
import { defineCheck } from '../../core/check.ts';
import { formatSelector } from '../../k8s/labels.ts';
import { mapSelector, selectPods, selectsNothing } from '../../k8s/pod-sets.ts';
import { serviceSelector, serviceType } from '../../k8s/services.ts';

export const serviceSelectorNoMatch = defineCheck({
  id: 'service-selector-no-match',
  title: 'Service selector matches no workload',
  severity: 'high',
  category: 'networking',
  indexes: ['pod-creators', 'pod-sets-template'],
  description:
    'A Service sends traffic to the pods its selector matches. When no workload in the set creates pods with ' +
    'those labels, the Service has no endpoints and every request to it fails. Usually a typo in a label. ' +
    'Pods that operators create for custom resources (Prometheus, Kafka, Elasticsearch, Argo Rollouts, …) ' +
    'count; when the pods may come from somewhere the input cannot show (an unknown operator, another ' +
    'directory, a namespace with no workloads in the input) the finding is info.',
  remediation:
    'Make the Service selector equal to labels of the pod template (spec.template.metadata.labels) of the ' +
    'workload it fronts.',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/service/'],
  appliesTo: ['Service'],
  peers: { 'kube-linter': ['dangling-service'] },
  *check(loaded, { index }) {
    const selector = serviceSelector(loaded.object);
    // No selector: endpoints are managed by hand (or ExternalName); nothing to match. A selector that is not a
    // map of strings (an unrendered template) is a schema error, reported by the schema checks.
    if (!selector || serviceType(loaded.object) === 'ExternalName') return;
    const found = selectPods(index, loaded, loaded.ref.namespace ?? '', mapSelector(selector), 'template', {
      first: true,
    });
    if (found.selected.length > 0) return;
    yield {
      path: ['spec', 'selector'],
      ...selectsNothing(
        `Service "${loaded.ref.name}" selects pods with ${formatSelector(selector)} but no workload in ${
          index.partial ? 'the input' : 'the cluster'
        } has those labels`,
        found,
      ),
    };
  },
});
