// https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { APP_KINDS, parseKeyRules, unmet } from './_key-rules.ts';

export const labelsRequiredMissing = defineCheck<{ labels: string[] }>({
  id: 'labels-required-missing',
  title: 'Object lacks a required label',
  severity: 'low',
  category: 'configuration',
  description:
    'Labels are how people and tools find what an object belongs to: dashboards, cost reports, kubectl ' +
    'selectors, ownership and on-call routing. The labels parameter lists the required keys, each either ' +
    '"key" or "key=<regex>" (the whole value must match). The default requires the recommended ' +
    'app.kubernetes.io/name; teams usually add their own (e.g. "owner", "team", app.kubernetes.io/part-of). ' +
    'Checked on workloads, Pods not owned by a controller, Services and Ingresses.',
  remediation:
    'Add the missing labels to metadata.labels (a Kustomize commonLabels or Helm helper keeps them uniform).',
  docs: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/',
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/',
  ],
  appliesTo: APP_KINDS,
  params: { labels: ['app.kubernetes.io/name'] },
  peers: { 'kube-linter': ['required-label-owner'] },
  peerParams: { 'kube-linter': { 'required-label-owner': { labels: ['owner'] } } },
  *check({ object, ref }, { index, params }) {
    if (reviewedThroughOwner(index, object)) return;
    for (const rule of unmet(parseKeyRules(params.labels), object.metadata?.labels)) {
      const present = Object.hasOwn(object.metadata?.labels ?? {}, rule.key);
      yield {
        path: present ? ['metadata', 'labels', rule.key] : ['metadata'],
        message: present
          ? `${ref.kind} "${ref.name}" label "${rule.key}" has the value "${String(object.metadata.labels?.[rule.key])}", which does not match ${rule.pattern}`
          : `${ref.kind} "${ref.name}" has no label "${rule.key}"`,
      };
    }
  },
});
