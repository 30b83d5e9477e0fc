import { testCheck } from '../../../test/support/check-tester.ts';
import { binding, role } from '../../../test/support/rbac-yaml.ts';
import { rbacBindingAdmissionWrite } from './rbac-binding-admission-write.ts';

const ADM = 'admissionregistration.k8s.io';

testCheck(rbacBindingAdmissionWrite, {
  valid: [
    {
      name: 'read webhook configurations',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r') +
        role('ClusterRole', 'r', [
          `{apiGroups: [${ADM}], resources: [mutatingwebhookconfigurations], verbs: [get, list, watch]}`,
        ]),
    },
    {
      name: 'a RoleBinding cannot grant cluster-scoped writes',
      yaml:
        binding('RoleBinding', 'b', 'ClusterRole', 'r') +
        role('ClusterRole', 'r', [`{apiGroups: [${ADM}], resources: ["*"], verbs: ["*"]}`]),
    },
  ],
  invalid: [
    {
      name: 'write a mutating webhook',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r') +
        role('ClusterRole', 'r', [
          `{apiGroups: [${ADM}], resources: [mutatingwebhookconfigurations], verbs: [patch]}`,
        ]),
      findings: [
        {
          message:
            'ClusterRoleBinding "b" binds ClusterRole "r", which can patch mutatingwebhookconfigurations, to ServiceAccount dev/ci',
          severity: 'critical',
        },
      ],
    },
    {
      name: 'delete validating policies is high',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r') +
        role('ClusterRole', 'r', [
          `{apiGroups: [${ADM}], resources: [validatingwebhookconfigurations, validatingadmissionpolicies], verbs: [delete]}`,
        ]),
      findings: [
        {
          message: /can delete validatingwebhookconfigurations, validatingadmissionpolicies/,
          severity: 'high',
        },
      ],
    },
  ],
});
