import { testCheck } from '../../../test/support/check-tester.ts';
import { serviceTypeExposed } from './service-type-exposed.ts';

const service = (type?: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  ports: [{port: 80}]\n${type ? `  type: ${type}\n` : ''}`;

testCheck(serviceTypeExposed, {
  valid: [
    { name: 'default ClusterIP', yaml: service() },
    { name: 'explicit ClusterIP', yaml: service('ClusterIP') },
    {
      name: 'LoadBalancer allowed by params',
      yaml: service('LoadBalancer'),
      params: { forbiddenTypes: ['NodePort'] },
    },
  ],
  invalid: [
    {
      name: 'NodePort',
      yaml: service('NodePort'),
      findings: [{ message: 'Service "api" has the forbidden type "NodePort"', path: 'spec.type' }],
    },
    { name: 'LoadBalancer', yaml: service('LoadBalancer'), findings: [{ message: /"LoadBalancer"/ }] },
  ],
});
