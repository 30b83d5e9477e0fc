import { testCheck } from '../../../test/support/check-tester.ts';
import { podSysctlsUnsafe } from './pod-sysctls-unsafe.ts';

const pod = (sysctls: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {sysctls: ${sysctls}}
  containers: [{name: app}]
`;

testCheck(podSysctlsUnsafe, {
  valid: [
    {
      name: 'safe sysctls',
      yaml: pod(
        '[{name: net.ipv4.ip_local_port_range, value: "1024 65000"}, {name: kernel.shm_rmid_forced, value: "1"}]',
      ),
    },
    { name: 'slash separator', yaml: pod('[{name: net/ipv4/tcp_syncookies, value: "1"}]') },
    {
      name: 'allowed by params',
      yaml: pod('[{name: net.core.somaxconn, value: "1024"}]'),
      params: { allowed: ['net.core.somaxconn'] },
    },
    { name: 'not a list', yaml: pod('kernel.sem') },
  ],
  invalid: [
    {
      name: 'kernel.sem and net.core.somaxconn',
      yaml: pod(
        '[{name: kernel.sem, value: "1"}, {name: net.ipv4.tcp_syncookies, value: "1"}, {name: net.core.somaxconn, value: "1"}]',
      ),
      findings: [
        { message: 'the pod sets unsafe sysctl "kernel.sem"', path: 'spec.securityContext.sysctls[0].name' },
        { message: 'the pod sets unsafe sysctl "net.core.somaxconn"' },
      ],
    },
  ],
});
