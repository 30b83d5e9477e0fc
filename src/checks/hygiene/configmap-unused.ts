// What counts as "used": src/k8s/usage.ts and docs/hygiene-rules.md.
import { unusedCheck } from './shared.ts';

export const configmapUnused = unusedCheck('ConfigMap', {
  id: 'configmap-unused',
  title: 'Unused ConfigMap',
  severity: 'low',
  description:
    'A ConfigMap that no pod, projected volume or other object in the cluster references is most likely left over from a removed workload. It clutters the namespace and makes it hard to tell which configuration is live.',
  remediation:
    'Confirm nothing outside the cluster reads it (an operator, a CI job), then delete it through `shipshape hygiene --plan`, which lists it with the evidence for review.',
  peers: { kor: ['configmap'], popeye: ['POP-400'] },
});
