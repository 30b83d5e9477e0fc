import { testCheck } from '../../../test/support/check-tester.ts';
import { annotationsRequiredMissing } from './annotations-required-missing.ts';

const deployment = (annotations: string) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: ${annotations}
spec:
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {containers: []}}
`;
const email = { annotations: ['email=[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\\.[a-zA-Z0-9-.]+'] };

testCheck(annotationsRequiredMissing, {
  valid: [
    { name: 'nothing required by default', yaml: deployment('{}') },
    { name: 'valid email', yaml: deployment('{email: oncall@example.com}'), params: email },
    { name: 'invalid regex in config is ignored', yaml: deployment('{}'), params: { annotations: ['x=('] } },
  ],
  invalid: [
    {
      name: 'missing',
      yaml: deployment('{runbook: "https://x"}'),
      params: email,
      findings: [{ message: 'Deployment "web" has no annotation "email"', path: 'metadata' }],
    },
    {
      name: 'malformed value (whole value must match)',
      yaml: deployment('{email: "not an email oncall@example.com"}'),
      params: email,
      findings: [
        {
          message: 'Deployment "web" annotation "email" does not match the required form',
          path: 'metadata.annotations.email',
        },
      ],
    },
  ],
});
