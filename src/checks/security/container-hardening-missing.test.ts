import { testCheck } from '../../../test/support/check-tester.ts';
import { containerHardeningMissing } from './container-hardening-missing.ts';

const pod = (podSc: string, sc: string, annotations = '{}') => `
apiVersion: v1
kind: Pod
metadata: {name: p, annotations: ${annotations}}
spec:
  securityContext: ${podSc}
  containers: [{name: app, securityContext: ${sc}}]
`;

testCheck(containerHardeningMissing, {
  valid: [
    { name: 'pod seccomp RuntimeDefault', yaml: pod('{seccompProfile: {type: RuntimeDefault}}', '{}') },
    {
      name: 'container Localhost seccomp overrides pod Unconfined',
      yaml: pod(
        '{seccompProfile: {type: Unconfined}}',
        '{seccompProfile: {type: Localhost, localhostProfile: p.json}}',
      ),
    },
    { name: 'appArmorProfile field', yaml: pod('{}', '{appArmorProfile: {type: RuntimeDefault}}') },
    {
      name: 'AppArmor annotation for this container',
      yaml: pod('{}', '{}', '{container.apparmor.security.beta.kubernetes.io/app: runtime/default}'),
    },
    { name: 'SELinux options at pod level', yaml: pod('{seLinuxOptions: {level: "s0:c1,c2"}}', '{}') },
    { name: 'drops a capability', yaml: pod('{}', '{capabilities: {drop: [NET_RAW]}}') },
    {
      name: 'Deployment with the annotation on the pod template',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    metadata: {annotations: {container.apparmor.security.beta.kubernetes.io/app: localhost/prof}}
    spec:
      containers: [{name: app}]
`,
    },
  ],
  invalid: [
    {
      name: 'nothing',
      yaml: pod('{}', '{}'),
      findings: [
        { message: 'container "app" sets no seccomp, AppArmor or SELinux profile and drops no capabilities' },
      ],
    },
    {
      name: 'container Unconfined overrides pod RuntimeDefault',
      yaml: pod('{seccompProfile: {type: RuntimeDefault}}', '{seccompProfile: {type: Unconfined}}'),
      findings: [{}],
    },
    {
      name: 'drops ALL but adds ALL back',
      yaml: pod('{}', '{capabilities: {drop: [ALL], add: [all]}}'),
      findings: [{}],
    },
    { name: 'empty SELinux options', yaml: pod('{seLinuxOptions: {}}', '{}'), findings: [{}] },
    {
      name: 'annotation for another container',
      yaml: pod('{}', '{}', '{container.apparmor.security.beta.kubernetes.io/other: runtime/default}'),
      findings: [{}],
    },
    {
      name: 'AppArmor unconfined',
      yaml: pod('{}', '{}', '{container.apparmor.security.beta.kubernetes.io/app: unconfined}'),
      findings: [{}],
    },
  ],
});
