import { testCheck } from '../../../test/support/check-tester.ts';
import { podServiceAccountTokenAutomounted } from './pod-service-account-token-automounted.ts';

const pod = (spec: string, extra = '') => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
${spec}  containers: [{name: app}]
${extra}`;
const sa = (field: string) => `---
apiVersion: v1
kind: ServiceAccount
metadata: {name: api, namespace: shop}
${field}
`;

const binding = (kind: string, subjectNamespace = 'shop') => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: api-reader${kind === 'RoleBinding' ? ', namespace: shop' : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: api, namespace: ${subjectNamespace}}]
`;

testCheck(podServiceAccountTokenAutomounted, {
  valid: [
    {
      name: 'pod asks for the token explicitly, and a RoleBinding of the input grants its account permissions',
      yaml: pod('  serviceAccountName: api\n  automountServiceAccountToken: true\n', binding('RoleBinding')),
    },
    {
      name: 'ServiceAccount asks for it explicitly, bound by a ClusterRoleBinding of the input',
      yaml: pod(
        '  serviceAccountName: api\n',
        sa('automountServiceAccountToken: true') + binding('ClusterRoleBinding'),
      ),
    },
    { name: 'pod opts out', yaml: pod('  automountServiceAccountToken: false\n') },
    {
      name: 'pod false wins over ServiceAccount true',
      yaml: pod(
        '  serviceAccountName: api\n  automountServiceAccountToken: false\n',
        sa('automountServiceAccountToken: true'),
      ),
    },
    {
      name: 'ServiceAccount opts out',
      yaml: pod('  serviceAccountName: api\n', sa('automountServiceAccountToken: false')),
    },
  ],
  invalid: [
    {
      name: 'explicit true, but the binding of the input names the account of another namespace',
      yaml: pod(
        '  serviceAccountName: api\n  automountServiceAccountToken: true\n',
        binding('ClusterRoleBinding', 'other'),
      ),
      findings: [{ message: /sets automountServiceAccountToken: true/ }],
    },
    {
      name: 'bound account, but the token is mounted only by default (not asked for)',
      yaml: pod('  serviceAccountName: api\n', sa('') + binding('RoleBinding')),
      findings: [{ message: /does not set automountServiceAccountToken: false/ }],
    },
    {
      name: 'pod true wins over ServiceAccount false',
      yaml: pod(
        '  serviceAccountName: api\n  automountServiceAccountToken: true\n',
        sa('automountServiceAccountToken: false'),
      ),
      findings: [
        {
          message: 'the pod sets automountServiceAccountToken: true (ServiceAccount "api")',
          path: 'spec.automountServiceAccountToken',
        },
      ],
    },
    {
      name: 'defaults everywhere',
      yaml: pod('  serviceAccountName: api\n', sa('')),
      findings: [
        {
          message: /ServiceAccount "api", which does not set automountServiceAccountToken: false/,
          severity: 'low',
        },
      ],
    },
    {
      name: 'ServiceAccount in another namespace does not count; not in the input is info',
      yaml: pod(
        '  serviceAccountName: api\n',
        sa('automountServiceAccountToken: false').replace('namespace: shop', 'namespace: other'),
      ),
      findings: [
        { message: /unless that ServiceAccount \(not in the input\) disables it/, severity: 'info' },
      ],
    },
    {
      name: 'whole cluster: default ServiceAccount absent is a plain finding',
      complete: true,
      yaml: pod(''),
      findings: [{ message: 'the pod mounts the API token of ServiceAccount "default"', severity: 'low' }],
    },
  ],
});
