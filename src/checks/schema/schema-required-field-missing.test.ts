import { testCheck } from '../../../test/support/check-tester.ts';
import { schemaRequiredFieldMissing } from './schema-required-field-missing.ts';

testCheck(schemaRequiredFieldMissing, {
  valid: [
    {
      name: 'a complete Pod',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: "i:1", ports: [{containerPort: 80}]}]
`,
    },
    {
      name: 'CRD-required field present',
      yaml: `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, required: [size], properties: {size: {type: integer}}}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec: {size: 1}
`,
    },
    {
      name: 'an incomplete status (written by controllers, ignored on apply)',
      yaml: `
apiVersion: v1
kind: Node
metadata: {name: n}
status:
  nodeInfo: {kubeletVersion: v1.34.0}
  conditions: [{status: "True"}]
`,
    },
  ],
  invalid: [
    {
      name: 'container without a name and a port without containerPort',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - image: i:1
      ports: [{name: http}]
`,
      findings: [
        { message: 'required field "spec.containers[0].name" is missing', line: 7 },
        { message: 'required field "spec.containers[0].ports[0].containerPort" is missing', line: 8 },
      ],
    },
    {
      name: 'Deployment without selector',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "nginx:1.27"}]}
`,
      findings: [{ message: 'required field "spec.selector" is missing', path: 'spec.selector', line: 5 }],
    },
    {
      name: 'custom resource without a field its CRD requires',
      yaml: `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, required: [size], properties: {size: {type: integer}}}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec: {}
`,
      findings: [{ message: 'required field "spec.size" is missing', object: 'Widget/w' }],
    },
  ],
});
