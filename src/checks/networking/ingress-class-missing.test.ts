import { testCheck } from '../../../test/support/check-tester.ts';
import { ingressClassMissing } from './ingress-class-missing.ts';

const ingress = (extra: string, annotations = '{}') => `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, annotations: ${annotations}}
spec:
  ${extra}
  defaultBackend: {service: {name: web, port: {number: 80}}}
`;

testCheck(ingressClassMissing, {
  valid: [
    { name: 'ingressClassName', yaml: ingress('ingressClassName: nginx') },
    { name: 'legacy annotation', yaml: ingress('tls: []', '{kubernetes.io/ingress.class: nginx}') },
    {
      name: 'default IngressClass in the set',
      yaml: `---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
spec: {controller: k8s.io/ingress-nginx}
${ingress('tls: []')}`,
    },
  ],
  invalid: [
    {
      name: 'no class at all',
      yaml: ingress('tls: []'),
      findings: [
        {
          message:
            'Ingress "web" sets neither spec.ingressClassName nor the kubernetes.io/ingress.class annotation',
        },
      ],
    },
    {
      name: 'IngressClass present but not default',
      yaml: `---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}
${ingress('ingressClassName: ""')}`,
      findings: [{ object: 'Ingress/web' }],
    },
  ],
});
