import { testCheck } from '../../../test/support/check-tester.ts';
import { binding, role } from '../../../test/support/rbac-yaml.ts';
import { rbacBindingCsrApproval } from './rbac-binding-csr-approval.ts';

const APPROVAL =
  '{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}';
const SIGNER =
  '{apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve], resourceNames: [kubernetes.io/kube-apiserver-client]}';

testCheck(rbacBindingCsrApproval, {
  valid: [
    {
      name: 'approval without a signer',
      yaml: binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r') + role('ClusterRole', 'r', [APPROVAL]),
    },
    {
      name: 'through a RoleBinding it is inert (cluster-scoped)',
      yaml: binding('RoleBinding', 'b', 'ClusterRole', 'r') + role('ClusterRole', 'r', [APPROVAL, SIGNER]),
    },
  ],
  invalid: [
    {
      name: 'approval and a signer',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r') + role('ClusterRole', 'r', [APPROVAL, SIGNER]),
      findings: [
        {
          message:
            'ClusterRoleBinding "b" binds ClusterRole "r", which can approve certificate signing requests, to ServiceAccount dev/ci',
          severity: 'critical',
        },
      ],
    },
  ],
});
