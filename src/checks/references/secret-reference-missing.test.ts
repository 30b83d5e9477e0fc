import { testCheck } from '../../../test/support/check-tester.ts';
import { secretReferenceMissing } from './secret-reference-missing.ts';

const pod = (spec: string) => `---
apiVersion: v1
kind: Pod
metadata: {name: app, namespace: shop}
spec:
${spec
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;
const secret = `---
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: shop}
data: {password: cGFzcw==}
stringData: {user: app}
`;

testCheck(secretReferenceMissing, {
  valid: [
    {
      name: 'data and stringData keys, volume, envFrom, pull secret present',
      yaml:
        secret +
        pod(`
imagePullSecrets: [{name: db}]
containers:
- name: app
  image: app:1
  env:
  - {name: P, valueFrom: {secretKeyRef: {name: db, key: password}}}
  - {name: U, valueFrom: {secretKeyRef: {name: db, key: user}}}
  envFrom: [{secretRef: {name: db}}]
volumes: [{name: s, secret: {secretName: db, items: [{key: password, path: p}]}}]
`),
    },
    {
      name: 'Secret created by a cert-manager Certificate, a SealedSecret or an ExternalSecret',
      yaml: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop}
spec: {secretName: web-tls, issuerRef: {name: le}}
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: sealed, namespace: shop}
spec: {encryptedData: {token: AgB}}
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: ext, namespace: shop}
spec: {target: {name: from-vault}}
${pod(`
containers:
- name: app
  image: app:1
  env:
  - {name: T, valueFrom: {secretKeyRef: {name: sealed, key: token}}}
  - {name: V, valueFrom: {secretKeyRef: {name: from-vault, key: anything}}}
volumes: [{name: tls, secret: {secretName: web-tls, items: [{key: tls.crt, path: c}]}}]
`)}`,
    },
    {
      name: 'optional Secret',
      yaml: pod(`
containers: [{name: app, image: app:1, envFrom: [{secretRef: {name: nope, optional: true}}]}]
volumes: [{name: s, secret: {secretName: nope2, optional: true}}]
`),
    },
    {
      name: 'service-account-token Secret keys are filled by the controller',
      yaml: `apiVersion: v1
kind: Secret
metadata: {name: tok, namespace: shop, annotations: {kubernetes.io/service-account.name: app}}
type: kubernetes.io/service-account-token
${pod(`
containers: [{name: app, image: app:1, env: [{name: T, valueFrom: {secretKeyRef: {name: tok, key: token}}}]}]
`)}`,
    },
  ],
  invalid: [
    {
      name: 'missing Secret and missing key (kube-linter env-value-from)',
      yaml:
        secret +
        pod(`
containers:
- name: app
  image: app:1
  env:
  - {name: P, valueFrom: {secretKeyRef: {name: db, key: pasword}}}
  - {name: Q, valueFrom: {secretKeyRef: {name: gone, key: x}}}
`),
      findings: [
        {
          message: 'container "app" references key "pasword" of Secret "db", which has no such key',
          severity: 'high',
        },
        { message: 'container "app" references Secret "gone", which is not in the input', severity: 'info' },
      ],
    },
    {
      name: 'imagePullSecrets, CSI and projected Secret',
      yaml: pod(`
imagePullSecrets: [{name: regcred}]
containers: [{name: app, image: app:1}]
volumes:
- {name: c, csi: {driver: secrets-store.csi.k8s.io, nodePublishSecretRef: {name: csi-creds}}}
- {name: p, projected: {sources: [{secret: {name: proj}}]}}
`),
      findings: [
        {
          message: 'imagePullSecrets references Secret "regcred", which is not in the input',
          path: 'spec.imagePullSecrets[0].name',
        },
        { message: /volume references Secret "csi-creds"/ },
        { message: /projected volume references Secret "proj"/ },
      ],
    },
  ],
});
