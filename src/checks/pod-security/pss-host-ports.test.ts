import { testCheck } from '../../../test/support/check-tester.ts';
import { pssHostPorts } from './pss-host-ports.ts';

const pod = (ports: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: init
      image: "app:1"
      ports: ${ports}
  containers: [{name: app, image: "app:1"}]
`;

testCheck(pssHostPorts, {
  valid: [
    {
      name: 'containerPort only',
      yaml: pod('[{containerPort: 80}]'),
      settings: { podSecurityLevel: 'baseline' },
    },
    {
      name: 'hostPort 0',
      yaml: pod('[{containerPort: 80, hostPort: 0}]'),
      settings: { podSecurityLevel: 'baseline' },
    },
    { name: 'ports not a list', yaml: pod('"80"'), settings: { podSecurityLevel: 'baseline' } },
  ],
  invalid: [
    {
      name: 'hostPort in an init container',
      yaml: pod('[{containerPort: 80}, {containerPort: 443, hostPort: 8443}]'),
      settings: { podSecurityLevel: 'restricted', kubeVersion: '1.25' },
      findings: [
        {
          message: 'hostPort (container "init" uses hostPort 8443)',
          path: 'spec.initContainers[0].ports[1].hostPort',
          line: 8,
        },
      ],
    },
  ],
});
