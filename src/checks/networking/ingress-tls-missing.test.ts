import { testCheck } from '../../../test/support/check-tester.ts';
import { ingressTlsMissing } from './ingress-tls-missing.ts';

const ingress = (tls: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  ${tls}
  rules: [{host: a.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
`;

testCheck(ingressTlsMissing, {
  valid: [{ name: 'tls set', yaml: ingress('tls: [{hosts: [a.example.com], secretName: web-tls}]') }],
  invalid: [
    {
      name: 'no tls',
      yaml: ingress('ingressClassName: nginx'),
      findings: [{ message: 'Ingress "web" has no spec.tls', path: 'spec' }],
    },
    { name: 'empty tls list', yaml: ingress('tls: []'), findings: [{ message: /no spec.tls/ }] },
  ],
});
