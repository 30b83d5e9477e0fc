import { testCheck } from '../../../test/support/check-tester.ts';
import { pssSeLinuxOptions } from './pss-se-linux-options.ts';

const pod = (podOptions: string, containerOptions: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {seLinuxOptions: ${podOptions}}
  containers:
    - name: app
      image: "app:1"
      securityContext: {seLinuxOptions: ${containerOptions}}
`;
const at = (kubeVersion: string) => ({ podSecurityLevel: 'baseline', kubeVersion }) as const;

testCheck(pssSeLinuxOptions, {
  valid: [
    {
      name: 'allowed types',
      yaml: pod('{type: container_t}', '{type: container_init_t}'),
      settings: at('1.30'),
    },
    { name: 'level only', yaml: pod('{level: "s0:c123,c456"}', 'null'), settings: at('1.30') },
    {
      name: 'empty user and role',
      yaml: pod('{user: "", role: ""}', '{type: container_kvm_t}'),
      settings: at('1.0'),
    },
    {
      name: 'container_engine_t from v1.31',
      yaml: pod('null', '{type: container_engine_t}'),
      settings: at('1.31'),
    },
  ],
  invalid: [
    {
      name: 'container_engine_t before v1.31',
      yaml: pod('null', '{type: container_engine_t}'),
      settings: at('1.30'),
      findings: [
        {
          message:
            'seLinuxOptions (container "app" set forbidden securityContext.seLinuxOptions: type "container_engine_t")',
          path: 'spec.containers[0].securityContext.seLinuxOptions.type',
          line: 9,
        },
      ],
    },
    {
      name: 'spc_t type, user and role',
      yaml: pod('{type: spc_t, user: system_u}', '{role: sysadm_r}'),
      settings: at('1.35'),
      findings: [
        { path: 'spec.securityContext.seLinuxOptions.type', message: /pod set forbidden .*type "spc_t"/ },
        { path: 'spec.securityContext.seLinuxOptions.user', message: /user may not be set/ },
        { path: 'spec.containers[0].securityContext.seLinuxOptions.role', message: /role may not be set/ },
      ],
    },
  ],
});
