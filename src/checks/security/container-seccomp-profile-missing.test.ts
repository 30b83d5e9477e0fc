import { testCheck } from '../../../test/support/check-tester.ts';
import { containerSeccompProfileMissing } from './container-seccomp-profile-missing.ts';

const pod = (podContext: string, containerContext = '', extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${podContext ? `  securityContext: ${podContext}\n` : ''}${extra}  containers:
  - name: app
    image: app:1.0.0
${containerContext ? `    securityContext: ${containerContext}\n` : ''}`;

testCheck(containerSeccompProfileMissing, {
  valid: [
    { name: 'RuntimeDefault on the pod', yaml: pod('{seccompProfile: {type: RuntimeDefault}}') },
    {
      name: 'Localhost profile on the container',
      yaml: pod('', '{seccompProfile: {type: Localhost, localhostProfile: p.json}}'),
    },
    {
      name: 'container RuntimeDefault overrides a pod Unconfined',
      yaml: pod('{seccompProfile: {type: Unconfined}}', '{seccompProfile: {type: RuntimeDefault}}'),
    },
    { name: 'privileged container: seccomp does not apply', yaml: pod('', '{privileged: true}') },
    { name: 'Windows pod', yaml: pod('', '', '  os: {name: windows}\n') },
  ],
  invalid: [
    {
      name: 'no profile anywhere',
      yaml: pod(''),
      findings: [
        {
          severity: 'low',
          message: `container "app" has no seccomp profile (neither its own nor the pod's)`,
        },
      ],
    },
    {
      name: 'explicit Unconfined on the pod',
      yaml: pod('{seccompProfile: {type: Unconfined}}'),
      findings: [
        { severity: 'medium', path: 'spec.securityContext.seccompProfile.type', message: /Unconfined/ },
      ],
    },
    {
      name: 'container Unconfined overrides a pod RuntimeDefault',
      yaml: pod('{seccompProfile: {type: RuntimeDefault}}', '{seccompProfile: {type: Unconfined}}'),
      findings: [{ path: 'spec.containers[0].securityContext.seccompProfile.type' }],
    },
    {
      name: 'a profile without type',
      yaml: pod('{seccompProfile: {}}'),
      findings: [{ severity: 'low' }],
    },
  ],
});
