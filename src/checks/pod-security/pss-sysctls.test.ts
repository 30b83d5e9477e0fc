import { testCheck } from '../../../test/support/check-tester.ts';
import { pssSysctls } from './pss-sysctls.ts';

const pod = (...names: string[]) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    sysctls:
${names.map((name) => `      - {name: ${name}, value: "1"}`).join('\n')}
  containers: [{name: app, image: "app:1"}]
`;
const at = (kubeVersion?: string) =>
  kubeVersion === undefined
    ? { podSecurityLevel: 'baseline' as const }
    : { podSecurityLevel: 'baseline' as const, kubeVersion };

testCheck(pssSysctls, {
  valid: [
    {
      name: 'safe set of v1.0',
      yaml: pod('kernel.shm_rmid_forced', 'net.ipv4.ip_unprivileged_port_start'),
      settings: at('1.0'),
    },
    {
      name: 'ip_local_reserved_ports from v1.27',
      yaml: pod('net.ipv4.ip_local_reserved_ports'),
      settings: at('1.27'),
    },
    { name: 'tcp_keepalive_time from v1.29', yaml: pod('net.ipv4.tcp_keepalive_time'), settings: at('1.29') },
    { name: 'tcp_rmem from v1.32', yaml: pod('net.ipv4.tcp_rmem'), settings: at('1.32') },
    { name: 'tcp_notsent_lowat from v1.37', yaml: pod('net.ipv4.tcp_notsent_lowat'), settings: at('1.37') },
    {
      name: 'newer versions evaluate as the newest policy',
      yaml: pod('net.ipv4.tcp_slow_start_after_idle'),
      settings: at('1.45'),
    },
    {
      name: 'no version means the newest policy',
      yaml: pod('net.ipv4.tcp_slow_start_after_idle'),
      settings: at(),
    },
  ],
  invalid: [
    {
      name: 'unsafe sysctl',
      yaml: pod('kernel.shm_rmid_forced', 'kernel.msgmax'),
      settings: at('1.30'),
      findings: [
        {
          message: 'forbidden sysctls (kernel.msgmax)',
          path: 'spec.securityContext.sysctls[1].name',
          line: 8,
        },
      ],
    },
    {
      name: 'ip_local_reserved_ports before v1.27',
      yaml: pod('net.ipv4.ip_local_reserved_ports'),
      settings: at('1.26'),
      findings: [{}],
    },
    {
      name: 'tcp_fin_timeout before v1.29',
      yaml: pod('net.ipv4.tcp_fin_timeout'),
      settings: at('1.28'),
      findings: [{}],
    },
    { name: 'tcp_wmem before v1.32', yaml: pod('net.ipv4.tcp_wmem'), settings: at('1.31'), findings: [{}] },
    {
      name: 'tcp_slow_start_after_idle before v1.37',
      yaml: pod('net.ipv4.tcp_slow_start_after_idle'),
      settings: at('1.36'),
      findings: [{}],
    },
  ],
});
