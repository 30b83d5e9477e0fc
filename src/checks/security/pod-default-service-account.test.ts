import { testCheck } from '../../../test/support/check-tester.ts';
import { podDefaultServiceAccount } from './pod-default-service-account.ts';

const pod = (spec: string, extra = '') => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
${spec}  containers: [{name: app}]
${extra}`;

testCheck(podDefaultServiceAccount, {
  valid: [
    { name: 'own account', yaml: pod('  serviceAccountName: api\n') },
    { name: 'deprecated field with own account', yaml: pod('  serviceAccount: api\n') },
  ],
  invalid: [
    {
      name: 'unset',
      yaml: pod(''),
      findings: [{ message: 'the pod sets no serviceAccountName, so it runs as ServiceAccount "default"' }],
    },
    {
      name: 'explicit default',
      yaml: pod('  serviceAccountName: default\n'),
      findings: [{ path: 'spec.serviceAccountName' }],
    },
  ],
});
