// https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { CONTROLLER_KINDS } from '../../k8s/workloads.ts';

const LABEL = 'app.kubernetes.io/instance';

export const labelsInstanceMismatch = defineCheck({
  id: 'labels-instance-mismatch',
  title: 'app.kubernetes.io/instance label is missing or differs from the object name',
  severity: 'info',
  category: 'configuration',
  description:
    'Some conventions (Polaris’ metadataAndInstanceMismatched) expect a workload’s app.kubernetes.io/instance ' +
    'label to equal its metadata.name, so the label can be used to find the object. Kubernetes itself only ' +
    'defines instance as "a unique name identifying the instance of an application", and Helm sets it to the ' +
    'release name, which usually differs from the object names: off by default, enable it where your ' +
    'convention is instance = name.',
  remediation: `Set metadata.labels["${LABEL}"] to the object’s name.`,
  docs: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/#labels'],
  appliesTo: [...CONTROLLER_KINDS, 'Pod'],
  enabledByDefault: false,
  peers: { polaris: ['metadataAndInstanceMismatched'] },
  *check({ object, ref }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    const labels = object.metadata?.labels;
    const value =
      labels && typeof labels === 'object' ? (labels as Record<string, unknown>)[LABEL] : undefined;
    if (value === ref.name) return;
    yield value === undefined
      ? { path: ['metadata'], message: `${ref.kind} "${ref.name}" has no label "${LABEL}"` }
      : {
          path: ['metadata', 'labels', LABEL],
          message: `${ref.kind} "${ref.name}" label "${LABEL}" is "${String(value)}", not the object name`,
        };
  },
});
