import { testCheck } from '../../../test/support/check-tester.ts';
import { servicemonitorSelectsNothing } from './servicemonitor-selects-nothing.ts';

const service = (namespace: string, labels = '{app: api}') => `---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: ${namespace}, labels: ${labels}}
spec: {selector: {app: api}, ports: [{name: metrics, port: 9090}]}
`;
const sm = (spec: string, namespace = 'monitoring') => `---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api${namespace ? `, namespace: ${namespace}` : ''}}
spec:
  endpoints: [{port: metrics}]
${spec}
`;

testCheck(servicemonitorSelectsNothing, {
  valid: [
    {
      name: 'same namespace by default',
      yaml: service('monitoring') + sm('  selector: {matchLabels: {app: api}}'),
    },
    {
      name: 'matchNames lists the Service namespace',
      yaml:
        service('shop') +
        sm('  selector: {matchLabels: {app: api}}\n  namespaceSelector: {matchNames: [shop]}'),
    },
    {
      name: 'any: true',
      yaml: service('shop') + sm('  selector: {matchLabels: {app: api}}\n  namespaceSelector: {any: true}'),
    },
    {
      name: 'matchExpressions',
      yaml: service('monitoring') + sm('  selector: {matchExpressions: [{key: app, operator: Exists}]}'),
    },
    {
      name: 'empty selector selects every Service of the listed namespace',
      yaml: service('shop') + sm('  namespaceSelector: {matchNames: [shop]}'),
    },
    {
      name: 'ServiceMonitor without namespace in a file can land next to the Service',
      yaml: service('shop') + sm('  selector: {matchLabels: {app: api}}', ''),
    },
  ],
  invalid: [
    {
      name: 'labels do not match (the Service selector is not its labels)',
      yaml: service('monitoring', '{team: a}') + sm('  selector: {matchLabels: {app: api}}'),
      findings: [
        {
          message:
            'ServiceMonitor "api" selects Services labelled app=api in namespace "monitoring", but the input has none',
          path: 'spec.selector',
        },
      ],
    },
    {
      name: 'Service in another namespace without namespaceSelector',
      yaml: service('shop') + sm('  selector: {matchLabels: {app: api}}'),
      findings: [{ object: 'ServiceMonitor/api' }],
    },
    {
      name: 'matchNames lists the wrong namespace',
      yaml:
        service('shop') +
        sm('  selector: {matchLabels: {app: api}}\n  namespaceSelector: {matchNames: [prod]}'),
      findings: [{ message: /in namespace "prod"/ }],
    },
    {
      name: 'namespace without Services, empty selector',
      yaml: service('shop') + sm('  namespaceSelector: {matchNames: [test2]}', ''),
      findings: [{ message: /labelled \(anything\) in namespace "test2"/ }],
    },
  ],
});
