// https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { APP_KINDS, parseKeyRules, unmet } from './_key-rules.ts';

export const annotationsRequiredMissing = defineCheck<{ annotations: string[] }>({
  id: 'annotations-required-missing',
  title: 'Object lacks a required annotation',
  severity: 'low',
  category: 'configuration',
  description:
    'Some teams require annotations on every workload: a contact e-mail, a runbook URL, a cost centre. The ' +
    'annotations parameter lists them, each either "key" or "key=<regex>" (the whole value must match), e.g. ' +
    '"email=[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\\.[a-zA-Z0-9-.]+". Empty by default, so the check is off until ' +
    'configured.',
  remediation: 'Add the missing annotations to metadata.annotations with values of the required form.',
  docs: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/'],
  appliesTo: APP_KINDS,
  enabledByDefault: false,
  params: { annotations: [] },
  peers: { 'kube-linter': ['required-annotation-email'] },
  peerParams: {
    'kube-linter': {
      'required-annotation-email': { annotations: ['email=[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\\.[a-zA-Z0-9-.]+'] },
    },
  },
  *check({ object, ref }, { index, params }) {
    if (reviewedThroughOwner(index, object)) return;
    const annotations = object.metadata?.annotations;
    for (const rule of unmet(parseKeyRules(params.annotations), annotations)) {
      const present = !!annotations && Object.hasOwn(annotations, rule.key);
      yield {
        path: present ? ['metadata', 'annotations', rule.key] : ['metadata'],
        message: present
          ? `${ref.kind} "${ref.name}" annotation "${rule.key}" does not match the required form`
          : `${ref.kind} "${ref.name}" has no annotation "${rule.key}"`,
      };
    }
  },
});
