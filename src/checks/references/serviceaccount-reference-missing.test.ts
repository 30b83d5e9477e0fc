import { testCheck } from '../../../test/support/check-tester.ts';
import { serviceaccountReferenceMissing } from './serviceaccount-reference-missing.ts';

const deploy = (sa: string, kind = 'Deployment', apiVersion = 'apps/v1') => `---
apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      ${sa}
      containers: [{name: app, image: app:1}]
`;
const sa = `---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
`;

testCheck(serviceaccountReferenceMissing, {
  valid: [
    { name: 'ServiceAccount present', yaml: sa + deploy('serviceAccountName: web') },
    { name: 'deprecated serviceAccount field, present', yaml: sa + deploy('serviceAccount: web') },
    { name: 'no service account: default', yaml: deploy('') },
    { name: 'default always exists', yaml: deploy('serviceAccountName: default') },
    {
      name: 'serviceAccountName wins over the alias',
      yaml: sa + deploy('serviceAccountName: web\n      serviceAccount: old'),
    },
    { name: 'wrong type is ignored', yaml: deploy('serviceAccountName: [a]') },
  ],
  invalid: [
    {
      name: 'missing ServiceAccount (partial set: info)',
      yaml: deploy('serviceAccountName: missing'),
      findings: [
        {
          message: 'serviceAccountName references ServiceAccount "missing", which is not in the input',
          path: 'spec.template.spec.serviceAccountName',
          severity: 'info',
        },
      ],
    },
    {
      name: 'DeploymentConfig with the deprecated field, complete set',
      complete: true,
      yaml: deploy('serviceAccount: missing', 'DeploymentConfig', 'apps.openshift.io/v1'),
      findings: [{ message: /ServiceAccount "missing", which is not in the cluster/, severity: 'high' }],
    },
    {
      name: 'ServiceAccount in another namespace',
      yaml: sa.replace('shop', 'other') + deploy('serviceAccountName: web'),
      findings: [{ object: 'Deployment/web' }],
    },
  ],
});
