import { testCheck } from '../../../test/support/check-tester.ts';
import { apiVersionDeprecated } from './api-version-deprecated.ts';

const cronJob = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: nightly}\n';

testCheck(apiVersionDeprecated, {
  valid: [
    { name: 'removed in the target: api-version-removed reports it', yaml: cronJob },
    { name: 'not yet deprecated in the target', yaml: cronJob, settings: { kubeVersion: '1.20' } },
    {
      name: 'a current apiVersion',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\n',
      settings: { kubeVersion: '1.24' },
    },
    {
      name: 'a CRD version that is not deprecated',
      yaml: `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions: [{name: v1, served: true, storage: true}]
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
`,
    },
  ],
  invalid: [
    {
      name: 'deprecated in the target with its replacement served',
      yaml: cronJob,
      settings: { kubeVersion: '1.23' },
      findings: [
        {
          message:
            'batch/v1beta1 CronJob is deprecated since Kubernetes 1.21 and removed in 1.25 (target 1.23); use batch/v1',
          path: 'apiVersion',
          severity: 'medium',
        },
      ],
    },
    {
      name: 'deprecated before its replacement is served (low)',
      yaml: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: web}\n',
      settings: { kubeVersion: '1.16' },
      findings: [{ message: /use networking.k8s.io\/v1 \(served from 1.19\)$/, severity: 'low' }],
    },
    {
      name: 'a CRD version marked deprecated',
      yaml: `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
    - {name: v1, served: true, storage: true}
    - {name: v1alpha1, served: true, storage: false, deprecated: true, deprecationWarning: "use example.com/v1"}
---
apiVersion: example.com/v1alpha1
kind: Widget
metadata: {name: w}
`,
      findings: [
        {
          message:
            'example.com/v1alpha1 Widget is deprecated by CustomResourceDefinition "widgets.example.com": use example.com/v1',
          severity: 'low',
        },
      ],
    },
  ],
});
