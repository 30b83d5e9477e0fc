import { testCheck } from '../../../test/support/check-tester.ts';
import { configmapReferenceMissing } from './configmap-reference-missing.ts';

const cm = `---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {LOG_LEVEL: info}
binaryData: {logo.png: aGVsbG8=}
`;
const deploy = (podSpec: string, namespace = 'shop') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
${podSpec
  .trim()
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
`;

testCheck(configmapReferenceMissing, {
  valid: [
    {
      name: 'env key, envFrom and volume items all present',
      yaml:
        cm +
        deploy(`
containers:
- name: app
  image: app:1
  env:
  - {name: LEVEL, valueFrom: {configMapKeyRef: {name: settings, key: LOG_LEVEL}}}
  envFrom: [{configMapRef: {name: settings}}]
volumes:
- {name: logo, configMap: {name: settings, items: [{key: logo.png, path: logo.png}]}}
`),
    },
    {
      name: 'ConfigMap defined twice (two directories): keys of either count',
      yaml:
        cm.replace('data: {LOG_LEVEL: info}', 'data: {OTHER: x}') +
        cm +
        deploy(`
containers: [{name: app, image: app:1, env: [{name: L, valueFrom: {configMapKeyRef: {name: settings, key: LOG_LEVEL}}}]}]
`),
    },
    {
      name: 'optional references never fire',
      yaml: deploy(`
containers:
- name: app
  image: app:1
  env:
  - {name: X, valueFrom: {configMapKeyRef: {name: absent, key: k, optional: true}}}
  envFrom: [{configMapRef: {name: absent2, optional: true}}]
volumes:
- {name: v, configMap: {name: absent3, optional: true}}
- name: p
  projected: {sources: [{configMap: {name: absent4, optional: true}}]}
`),
    },
    {
      name: 'kube-root-ca.crt exists in every namespace',
      yaml: deploy(`
containers: [{name: app, image: app:1}]
volumes:
- name: ca
  projected: {sources: [{configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}}]}
`),
    },
    {
      name: 'Secret references are not this check',
      yaml: deploy(`
containers: [{name: app, image: app:1, envFrom: [{secretRef: {name: nope}}]}]
`),
    },
    {
      name: 'malformed env and volumes do not crash',
      yaml: deploy(`
containers: [{name: app, image: app:1, env: [null, 3, {name: a, valueFrom: "x"}], envFrom: "bad"}]
volumes: [null, {name: v, configMap: [1]}, {name: w, projected: {sources: "x"}}]
`),
    },
  ],
  invalid: [
    {
      name: 'ConfigMap absent from a partial set is info',
      yaml: deploy(`
containers:
- name: app
  image: app:1
  env:
  - {name: A, valueFrom: {configMapKeyRef: {name: missing, key: a}}}
  - {name: B, valueFrom: {configMapKeyRef: {name: missing, key: b}}}
`),
      findings: [
        {
          message: 'container "app" references ConfigMap "missing", which is not in the input',
          path: 'spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef',
          severity: 'info',
        },
      ],
    },
    {
      name: 'ConfigMap absent from a complete cluster keeps its severity',
      complete: true,
      yaml: deploy(`
containers: [{name: app, image: app:1}]
initContainers: [{name: init, image: app:1, envFrom: [{configMapRef: {name: boot}}]}]
`),
      findings: [
        {
          message: /container "init" references ConfigMap "boot", which is not in the cluster/,
          severity: 'high',
        },
      ],
    },
    {
      name: 'missing key of a present ConfigMap (env and volume items)',
      yaml:
        cm +
        deploy(`
containers:
- name: app
  image: app:1
  env: [{name: L, valueFrom: {configMapKeyRef: {name: settings, key: LOGLEVEL}}}]
volumes:
- {name: v, configMap: {name: settings, items: [{key: missing.txt, path: a}]}}
`),
      findings: [
        {
          message: 'container "app" references key "LOGLEVEL" of ConfigMap "settings", which has no such key',
          severity: 'high',
        },
        {
          message: /key "missing.txt" of ConfigMap "settings"/,
          path: 'spec.template.spec.volumes[0].configMap',
        },
      ],
    },
    {
      name: 'ConfigMap in another namespace does not count; projected volume',
      yaml:
        cm +
        deploy(
          `
containers: [{name: app, image: app:1}]
volumes:
- name: p
  projected: {sources: [{configMap: {name: settings}}]}
`,
          'other',
        ),
      findings: [{ message: 'projected volume references ConfigMap "settings", which is not in the input' }],
    },
    {
      name: 'reported once, on the top-most owner in the set',
      yaml:
        deploy(`
containers: [{name: app, image: app:1, envFrom: [{configMapRef: {name: absent}}]}]
`) +
        `---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-5d8f, namespace: shop, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]}
spec:
  template:
    spec:
      containers: [{name: app, image: app:1, envFrom: [{configMapRef: {name: absent}}]}]
`,
      findings: [{ object: 'Deployment/web' }],
    },
    {
      name: 'bare Pod and ephemeral container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: debug}
spec:
  containers: [{name: app, image: app:1}]
  ephemeralContainers: [{name: dbg, image: busybox:1, envFrom: [{configMapRef: {name: dbg-cfg}}]}]
`,
      findings: [
        {
          message: /container "dbg" references ConfigMap "dbg-cfg"/,
          path: 'spec.ephemeralContainers[0].envFrom[0].configMapRef',
        },
      ],
    },
  ],
});
