import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCheckOn, testCheck } from '../../../test/support/check-tester.ts';
import { podServiceAccountFieldDeprecated } from './pod-service-account-field-deprecated.ts';

const deployment = (spec: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {${spec}containers: []}}
`;

it('fix moves the value to serviceAccountName', () => {
  const [finding] = runCheckOn(podServiceAccountFieldDeprecated, {
    name: 'fix',
    yaml: deployment('serviceAccount: api, '),
  });
  assert.deepEqual(finding?.fix?.edits, [
    { op: 'set', path: ['spec', 'template', 'spec', 'serviceAccountName'], value: 'api' },
    { op: 'remove', path: ['spec', 'template', 'spec', 'serviceAccount'] },
  ]);
});

testCheck(podServiceAccountFieldDeprecated, {
  valid: [
    { name: 'serviceAccountName only', yaml: deployment('serviceAccountName: api, ') },
    { name: 'neither', yaml: deployment('') },
  ],
  invalid: [
    {
      name: 'serviceAccount only',
      yaml: deployment('serviceAccount: api, '),
      findings: [
        {
          message: 'pod uses the deprecated serviceAccount field ("api")',
          path: 'spec.template.spec.serviceAccount',
          severity: 'low',
        },
      ],
    },
    {
      name: 'both, equal',
      yaml: deployment('serviceAccount: api, serviceAccountName: api, '),
      findings: [{ message: /deprecated serviceAccount field/ }],
    },
    {
      name: 'both, different',
      yaml: deployment('serviceAccount: old, serviceAccountName: api, '),
      findings: [
        {
          message: 'pod sets serviceAccount "old" but serviceAccountName "api", which wins',
          severity: 'medium',
        },
      ],
    },
  ],
});
