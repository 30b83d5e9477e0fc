import { testCheck } from '../../../test/support/check-tester.ts';
import { servicePortNameInvalid } from './service-port-name-invalid.ts';

const service = (ports: string) => `apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: ${ports}
`;

testCheck(servicePortNameInvalid, {
  valid: [
    {
      name: 'numeric and named targetPorts',
      yaml: service(
        '[{name: http, port: 80, targetPort: 8080}, {name: grpc-web, port: 81, targetPort: grpc-web}]',
      ),
    },
    { name: 'no targetPort', yaml: service('[{port: 80}]') },
    { name: '15-character name', yaml: service('[{port: 80, targetPort: n-3456789012345}]') },
    {
      name: 'no ports',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {clusterIP: None}\n',
    },
  ],
  invalid: [
    {
      name: 'targetPort out of range',
      yaml: service('[{port: 80, targetPort: 123456}]'),
      findings: [
        {
          message: 'targetPort 123456 of Service "api" must be between 1 and 65535',
          path: 'spec.ports[0].targetPort',
        },
      ],
    },
    {
      name: 'targetPort name too long',
      yaml: service('[{port: 80, targetPort: n234567890123456}]'),
      findings: [
        { message: 'targetPort "n234567890123456" of Service "api" must be no more than 15 characters' },
      ],
    },
    {
      name: 'targetPort name without a letter, uppercase, double hyphen',
      yaml: service(
        '[{port: 80, targetPort: "8080"}, {port: 81, targetPort: Http}, {port: 82, targetPort: a--b}]',
      ),
      findings: [
        { message: /"8080" of Service "api" must contain at least one letter/ },
        { message: /"Http" of Service "api" must contain only lowercase/ },
        { message: /"a--b" of Service "api" must not contain consecutive hyphens/ },
      ],
    },
    {
      name: 'port name not a DNS label',
      yaml: service('[{name: HTTP_PORT, port: 80}]'),
      findings: [{ path: 'spec.ports[0].name', message: /port name "HTTP_PORT" must consist of lowercase/ }],
    },
  ],
});
