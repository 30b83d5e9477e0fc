import { testCheck } from '../../../test/support/check-tester.ts';
import { binding, role } from '../../../test/support/rbac-yaml.ts';
import { rbacBindingApiExtensionWrite } from './rbac-binding-api-extension-write.ts';

testCheck(rbacBindingApiExtensionWrite, {
  valid: [
    {
      name: 'read CRDs',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r') +
        role('ClusterRole', 'r', [
          '{apiGroups: [apiextensions.k8s.io], resources: [customresourcedefinitions], verbs: [get, list]}',
        ]),
    },
  ],
  invalid: [
    {
      name: 'create APIServices',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r') +
        role('ClusterRole', 'r', [
          '{apiGroups: [apiregistration.k8s.io], resources: [apiservices], verbs: [create, update]}',
        ]),
      findings: [
        {
          message:
            'ClusterRoleBinding "b" binds ClusterRole "r", which can create/update apiservices, to ServiceAccount dev/ci',
          severity: 'high',
        },
      ],
    },
  ],
});
