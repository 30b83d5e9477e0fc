import { testCheck } from '../../../test/support/check-tester.ts';
import { pssSeccompProfileBaseline } from './pss-seccomp-profile-baseline.ts';

const pod = (annotations: string, podProfile: string, containerProfile = 'null') => `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: ${annotations}
spec:
  securityContext: {seccompProfile: ${podProfile}}
  containers:
    - name: app
      image: "app:1"
      securityContext: {seccompProfile: ${containerProfile}}
`;
const at = (kubeVersion: string) => ({ podSecurityLevel: 'baseline', kubeVersion }) as const;
const unconfinedPod = '{seccomp.security.alpha.kubernetes.io/pod: unconfined}';

testCheck(pssSeccompProfileBaseline, {
  valid: [
    { name: 'unset', yaml: pod('{}', 'null'), settings: at('1.30') },
    {
      name: 'RuntimeDefault and Localhost',
      yaml: pod('{}', '{type: RuntimeDefault}', '{type: Localhost, localhostProfile: p.json}'),
      settings: at('1.30'),
    },
    {
      name: 'annotations are not checked from v1.19',
      yaml: pod(unconfinedPod, 'null'),
      settings: at('1.19'),
    },
    {
      name: 'fields are not checked before v1.19',
      yaml: pod('{}', '{type: Unconfined}'),
      settings: at('1.18'),
    },
    {
      name: 'allowed annotation values before v1.19',
      yaml: pod(
        '{seccomp.security.alpha.kubernetes.io/pod: docker/default, container.seccomp.security.alpha.kubernetes.io/app: localhost/p.json}',
        'null',
      ),
      settings: at('1.18'),
    },
    {
      name: 'annotation of a container that does not exist',
      yaml: pod('{container.seccomp.security.alpha.kubernetes.io/other: unconfined}', 'null'),
      settings: at('1.10'),
    },
    {
      name: 'at restricted from v1.19 the restricted control replaces it',
      yaml: pod('{}', '{type: Unconfined}'),
      settings: { podSecurityLevel: 'restricted', kubeVersion: '1.19' },
    },
  ],
  invalid: [
    {
      name: 'Unconfined at pod level from v1.19',
      yaml: pod('{}', '{type: Unconfined}'),
      settings: at('1.19'),
      findings: [
        {
          message: 'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
          path: 'spec.securityContext.seccompProfile.type',
          line: 7,
        },
      ],
    },
    {
      name: 'container profile without a type',
      yaml: pod('{}', 'null', '{localhostProfile: x}'),
      settings: at('1.30'),
      findings: [{ path: 'spec.containers[0].securityContext.seccompProfile.type', message: /type to ""/ }],
    },
    {
      name: 'unconfined annotations before v1.19',
      yaml: pod(
        '{seccomp.security.alpha.kubernetes.io/pod: unconfined, container.seccomp.security.alpha.kubernetes.io/app: ""}',
        'null',
      ),
      settings: at('1.18'),
      findings: [
        {
          message:
            'seccompProfile (forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined")',
          path: 'metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]',
          line: 5,
        },
        { message: /container.seccomp.security.alpha.kubernetes.io\/app=""/ },
      ],
    },
    {
      name: 'at restricted before v1.19 the annotations are checked',
      yaml: pod(unconfinedPod, 'null'),
      settings: { podSecurityLevel: 'restricted', kubeVersion: '1.18' },
      findings: [{ message: /forbidden annotation/ }],
    },
  ],
});
