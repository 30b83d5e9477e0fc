import { testCheck } from '../../../test/support/check-tester.ts';
import { schemaUnknownField } from './schema-unknown-field.ts';

const deployment = (podSpec: string, extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, creationTimestamp: null}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}${extra}
  template:
    metadata: {labels: {app: web}}
    spec:
${podSpec}
`;

const container = `      containers:
        - name: web
          image: nginx:1.27
          args:
          ports: [{containerPort: 8080, name: http}]
          resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 1, memory: 1Gi}}`;

const crd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {x-kubernetes-int-or-string: true}
                free: {type: object, x-kubernetes-preserve-unknown-fields: true}
                template: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}
                labels: {type: object, additionalProperties: {type: string}}
---`;

testCheck(schemaUnknownField, {
  valid: [
    { name: 'a clean Deployment (null creationTimestamp, empty args)', yaml: deployment(container) },
    {
      name: 'a Service with int and named targetPorts and a status',
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}, {port: 81, targetPort: 8081}]
status: {loadBalancer: {}}
`,
    },
    {
      name: 'custom resource within its CRD (int-or-string, preserved fields, embedded resource, map)',
      yaml: `${crd}
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
  size: 50%
  free: {anything: [1, 2], goes: {here: true}}
  template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {a: b}}
  labels: {a: b}
`,
    },
    {
      name: 'custom resource without a CRD is not validated',
      yaml: `
apiVersion: example.com/v1
kind: Gadget
metadata: {name: g}
spec: {whatever: 1}
`,
    },
    {
      name: 'kinds of other versions are validated against --kube-version',
      settings: { kubeVersion: '1.25' },
      yaml: `
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: old}
spec: {minAvailable: 1}
`,
    },
  ],
  invalid: [
    {
      name: 'containers indented one level too high (directly under the Deployment spec)',
      yaml: deployment(container, '\n  containers: [{name: x, image: "y:1"}]'),
      findings: [
        {
          message:
            'unknown field "spec.containers" (it belongs under "spec.template.spec": check the indentation)',
          path: 'spec.containers',
          line: 8,
        },
      ],
    },
    {
      name: 'pod spec fields at the pod template level (spec: left empty)',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
    containers: [{name: web, image: "nginx:1.27"}]
`,
      findings: [
        {
          message:
            'unknown field "spec.template.containers" (it belongs under "spec.template.spec": check the indentation)',
          line: 10,
        },
      ],
    },
    {
      name: 'typo in a container field, with a suggestion',
      yaml: deployment(`${container}\n          imagePullPolicyy: Always`),
      findings: [
        {
          message:
            'unknown field "spec.template.spec.containers[0].imagePullPolicyy" (did you mean "imagePullPolicy"?)',
          path: 'spec.template.spec.containers[0].imagePullPolicyy',
          line: 17,
        },
      ],
    },
    {
      name: 'unknown field in metadata and at the top level',
      yaml: `
apiVersion: v1
kind: ConfigMap
metadata: {name: c, label: {a: b}}
data: {a: b}
dta: {b: c}
`,
      findings: [
        { message: 'unknown field "metadata.label" (did you mean "labels"?)', line: 4 },
        { message: 'unknown field "dta" (did you mean "data"?)', line: 6 },
      ],
    },
    {
      name: 'custom resource field that its CRD does not define (pruned by the API server)',
      yaml: `${crd}
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, label: {a: b}}
spec:
  size: 3
  colour: red
  labels: {a: b}
`,
      findings: [
        { message: 'unknown field "metadata.label" (did you mean "labels"?)', object: 'Widget/w' },
        { message: 'unknown field "spec.colour"', path: 'spec.colour', object: 'Widget/w' },
      ],
    },
    {
      name: 'an old apiVersion validated against the schema of the target version',
      settings: { kubeVersion: '1.21' },
      yaml: `
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: web}
spec:
  backend: {serviceName: web, servicePort: 80}
  rules: [{host: a.example.com, http: {paths: [{path: /, backend: {service: {name: web}}}]}}]
`,
      findings: [{ message: 'unknown field "spec.rules[0].http.paths[0].backend.service"', line: 7 }],
    },
    {
      name: 'a Pod in a List item',
      yaml: `
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers: [{name: c, image: "i:1"}]
      restartpolicy: Never
`,
      findings: [{ message: 'unknown field "spec.restartpolicy" (did you mean "restartPolicy"?)', line: 10 }],
    },
  ],
});
