// https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector
import { defineCheck } from '../../core/check.ts';
import { getAt } from '../../core/path.ts';
import { formatSelector, isEmptySelector, matchesMap, matchesSelector } from '../../k8s/labels.ts';
import { asLabelSelector, reviewedThroughOwner } from '../../k8s/replicas.ts';
import { podTemplateLabels } from '../../k8s/workloads.ts';

/** apiVersions whose selector defaulted to the template labels when unset (long removed, still in old files). */
const DEFAULTING_VERSIONS = new Set(['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2']);

function isPlainMap(value: unknown): value is Record<string, string> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

export const workloadSelectorMismatch = defineCheck({
  id: 'workload-selector-mismatch',
  title: 'Workload selector does not match its own pod template labels',
  severity: 'high',
  category: 'configuration',
  description:
    'A controller owns the pods its selector matches, and the API server requires the selector to match the ' +
    'pod template’s labels: otherwise the object is rejected (`selector` does not match template `labels`). ' +
    'apps/v1 Deployments, StatefulSets, DaemonSets and ReplicaSets also require a non-empty selector. ' +
    'ReplicationControllers and DeploymentConfigs default an unset selector to the template labels; a Job ' +
    'generates its own unless manualSelector is true, and then its selector must match too.',
  remediation:
    'Make spec.selector a subset of spec.template.metadata.labels (the selector of an existing Deployment is ' +
    'immutable: change the labels, or recreate the object).',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector',
    'https://kubernetes.io/docs/concepts/workloads/controllers/job/#specifying-your-own-pod-selector',
  ],
  appliesTo: [
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'ReplicaSet',
    'ReplicationController',
    'DeploymentConfig',
    'Job',
  ],
  peers: { 'kube-linter': ['mismatching-selector'] },
  example: {
    bad: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: frontend}
    spec:
      containers: [{name: web, image: "web:1.4.2"}]
`,
    good: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: web, image: "web:1.4.2"}]
`,
  },
  *check({ object, ref }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    const labels = podTemplateLabels(object) ?? {};
    const selector = getAt(object, ['spec', 'selector']);
    const describe = `${ref.kind} "${ref.name}"`;
    if (object.kind === 'ReplicationController' || object.kind === 'DeploymentConfig') {
      if (!isPlainMap(selector) || Object.keys(selector).length === 0) return;
      if (!matchesMap(selector, labels))
        yield {
          path: ['spec', 'selector'],
          message: `${describe} selector ${formatSelector(selector)} does not match its pod template labels (${formatSelector(labels) || 'none'})`,
        };
      return;
    }
    if (object.kind === 'Job') {
      if (getAt(object, ['spec', 'manualSelector']) !== true || !isPlainMap(selector)) return;
    } else if (selector === undefined || selector === null) {
      if (DEFAULTING_VERSIONS.has(object.apiVersion)) return;
      yield { path: ['spec'], message: `${describe} has no spec.selector` };
      return;
    }
    const parsed = asLabelSelector(selector);
    if (!parsed) return;
    if (isEmptySelector(parsed)) {
      yield { path: ['spec', 'selector'], message: `${describe} has an empty selector` };
      return;
    }
    if (!matchesSelector(parsed, labels))
      yield {
        path: ['spec', 'selector'],
        message: `${describe} selector ${formatSelector(parsed)} does not match its pod template labels (${formatSelector(labels) || 'none'})`,
      };
  },
});
