import { testCheck } from '../../../test/support/check-tester.ts';
import { ingressTlsSecretMissing } from './ingress-tls-secret-missing.ts';

const ingress = (annotations = '{}', namespace = 'shop') => `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: ${namespace}, annotations: ${annotations}}
spec:
  tls: [{hosts: [a.example.com], secretName: web-tls}, {hosts: [b.example.com]}]
  rules: [{host: a.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
`;
const secret = `---
apiVersion: v1
kind: Secret
metadata: {name: web-tls, namespace: shop}
type: kubernetes.io/tls
data: {tls.crt: eA==, tls.key: eA==}
`;

testCheck(ingressTlsSecretMissing, {
  valid: [
    { name: 'Secret present', yaml: secret + ingress() },
    {
      name: 'cert-manager ingress-shim annotation',
      yaml: ingress('{cert-manager.io/cluster-issuer: letsencrypt}'),
    },
    {
      name: 'cert-manager Certificate creates it',
      yaml: `---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop}
spec: {secretName: web-tls, dnsNames: [a.example.com], issuerRef: {name: le, kind: ClusterIssuer}}
${ingress()}`,
    },
  ],
  invalid: [
    {
      name: 'Secret missing',
      yaml: ingress(),
      findings: [
        {
          message: 'TLS Secret "web-tls" is not in the input',
          path: 'spec.tls[0].secretName',
          severity: 'info',
        },
      ],
    },
    {
      name: 'Secret in another namespace, complete set',
      complete: true,
      yaml: secret + ingress('{}', 'other'),
      findings: [{ message: 'TLS Secret "web-tls" is not in the cluster', severity: 'high' }],
    },
  ],
});
