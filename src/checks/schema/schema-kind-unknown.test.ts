import { testCheck } from '../../../test/support/check-tester.ts';
import { schemaKindUnknown } from './schema-kind-unknown.ts';

const crd = (versions: string) => `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions: ${versions}
---`;

testCheck(schemaKindUnknown, {
  valid: [
    { name: 'a built-in kind', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' },
    {
      name: 'a custom resource whose CRD serves the version',
      yaml: `${crd('[{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]')}
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
`,
    },
    {
      name: 'a removed API is left to api-version-removed',
      yaml: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\n',
    },
    {
      name: 'an API served by a target older than every bundled schema set',
      settings: { kubeVersion: '1.15' },
      yaml: 'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: d}\n',
    },
  ],
  invalid: [
    {
      name: 'typo in a built-in kind',
      yaml: 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: d}\n',
      findings: [
        {
          message:
            'apps/v1 Deploymnet is not a known kind: Kubernetes 1.37 has no kind "Deploymnet" in API group "apps"',
          path: 'kind',
          line: 2,
          severity: 'high',
        },
      ],
    },
    {
      name: 'a built-in kind at a version that was never served',
      yaml: 'apiVersion: apps/v2\nkind: Deployment\nmetadata: {name: d}\n',
      findings: [
        { message: 'apps/v2 Deployment is not a known kind: Kubernetes 1.37 serves Deployment as apps/v1' },
      ],
    },
    {
      name: 'a version its CRD does not serve',
      yaml: `${crd('[{name: v1, served: true, storage: true}, {name: v1beta1, served: false, storage: false}]')}
apiVersion: example.com/v1beta1
kind: Widget
metadata: {name: w}
`,
      findings: [
        {
          message:
            'example.com/v1beta1 Widget is not served: CustomResourceDefinition "widgets.example.com" serves example.com/v1',
          severity: 'high',
        },
      ],
    },
    {
      name: 'a custom resource without its CRD is info only',
      yaml: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\n',
      findings: [
        {
          message:
            'monitoring.coreos.com/v1 ServiceMonitor was not validated: no CustomResourceDefinition for monitoring.coreos.com/ServiceMonitor in the input or --crds',
          severity: 'info',
          line: 1,
        },
      ],
    },
  ],
});
