// https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitorSpec
import { defineCheck } from '../../core/check.ts';
import { asLabelSelector, isRecord } from '../../k8s/disruption.ts';
import { formatSelector, matchesSelector, requiredPairs } from '../../k8s/labels.ts';
import { ANY_NAMESPACE, servicesByLabels } from '../../k8s/services.ts';

export const servicemonitorSelectsNothing = defineCheck({
  id: 'servicemonitor-selects-nothing',
  title: 'ServiceMonitor selects no Service',
  severity: 'medium',
  category: 'networking',
  indexes: ['operator-services', 'pod-creators', 'services-by-labels'],
  description:
    'A Prometheus-operator ServiceMonitor scrapes the endpoints of the Services its selector matches by their ' +
    'own labels, in the namespaces of its namespaceSelector: its own namespace when that is empty, every ' +
    'namespace with any: true, or the matchNames list. When no Service in the set matches, nothing is ' +
    'scraped and the missing metrics go unnoticed. A ServiceMonitor written without a namespace in a file ' +
    'can be applied to any namespace, so its Services may be in any namespace. Services the cluster always ' +
    'has (default/kubernetes, kube-system/kube-dns) and Services operators in the input create (the ' +
    'prometheus-operator kubelet Service, prometheus-operated, …) count; when the input has no Service at all ' +
    'in the selected namespaces, the finding is info.',
  remediation:
    'Make spec.selector match the labels of the Service (metadata.labels, not its selector) and list its ' +
    'namespace in spec.namespaceSelector.matchNames when it is in another namespace.',
  docs: [
    'https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitorSpec',
    'https://prometheus-operator.dev/docs/developer/getting-started/',
  ],
  appliesTo: ['ServiceMonitor'],
  example: {
    bad: `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: monitoring}
spec:
  selector: {matchLabels: {app: api}}          # the Service is in namespace shop
  endpoints: [{port: metrics}]
`,
    good: `spec:
  selector: {matchLabels: {app: api}}
  namespaceSelector: {matchNames: [shop]}
  endpoints: [{port: metrics}]
`,
  },
  peers: { 'kube-linter': ['dangling-servicemonitor'] },
  *check({ object, ref }, { index }) {
    const spec = isRecord(object.spec) ? object.spec : {};
    const selector = asLabelSelector(spec.selector ?? {});
    if (!selector) return;
    const nsSel = isRecord(spec.namespaceSelector) ? spec.namespaceSelector : {};
    let namespaces: string[];
    if (nsSel.any === true) namespaces = [ANY_NAMESPACE];
    else if (Array.isArray(nsSel.matchNames) && nsSel.matchNames.length > 0)
      namespaces = nsSel.matchNames.filter((n): n is string => typeof n === 'string');
    else namespaces = [ref.namespace === undefined && index.partial ? ANY_NAMESPACE : (ref.namespace ?? '')];
    const services = servicesByLabels(index);
    let inputHasServices = false;
    for (const ns of namespaces) {
      const candidates = services.candidates(ns, requiredPairs(selector));
      if (candidates.some((s) => matchesSelector(selector, s.labels))) return;
      inputHasServices ||= services.inNamespace(ns).some((s) => s.from === 'the input');
    }
    const where =
      namespaces[0] === ANY_NAMESPACE
        ? 'any namespace'
        : `namespace ${namespaces.map((n) => `"${n}"`).join(', ')}`;
    const what = `ServiceMonitor "${ref.name}" selects Services labelled ${formatSelector(selector) || '(anything)'} in ${where}`;
    // A namespace the input shows no Service of is outside the review: its Services may well exist.
    if (index.partial && !inputHasServices) {
      yield {
        path: ['spec', 'selector'],
        message: `${what}; the input has no Service there, so they may be defined elsewhere`,
        severity: 'info',
      };
      return;
    }
    yield {
      path: ['spec', 'selector'],
      message: `${what}, but ${index.partial ? 'the input' : 'the cluster'} has none`,
    };
  },
});
