import { testCheck } from '../../../test/support/check-tester.ts';
import { servicePortNameMissing } from './service-port-name-missing.ts';

const service = (ports: string) => `apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  ports: ${ports}
`;

testCheck(servicePortNameMissing, {
  valid: [
    { name: 'single unnamed port', yaml: service('[{port: 80}]') },
    { name: 'all named, unique', yaml: service('[{name: http, port: 80}, {name: https, port: 443}]') },
    { name: 'not a list', yaml: service('"80"') },
  ],
  invalid: [
    {
      name: 'one port unnamed',
      yaml: service('[{name: http, port: 80}, {port: 443}]'),
      findings: [
        { message: 'port 1 has no name, which a Service with several ports requires', path: 'spec.ports[1]' },
      ],
    },
    {
      name: 'duplicate names',
      yaml: service('[{name: http, port: 80}, {name: http, port: 8080}]'),
      findings: [{ message: 'port name "http" is used by two ports', path: 'spec.ports[1].name' }],
    },
  ],
});
