import { testCheck } from '../../../test/support/check-tester.ts';
import { namespaceDefault } from './namespace-default.ts';

const service = (metadata: string) => `
apiVersion: v1
kind: Service
metadata: {name: web${metadata}}
spec: {selector: {app: web}, ports: [{port: 80}]}
`;

testCheck(namespaceDefault, {
  valid: [
    { name: 'own namespace', yaml: service(', namespace: shop') },
    { name: 'unset namespace is decided at apply time', yaml: service('') },
  ],
  invalid: [
    {
      name: 'explicit default',
      yaml: service(', namespace: default'),
      findings: [{ message: 'Service "web" is in the default namespace', path: 'metadata.namespace' }],
    },
  ],
});
