import { testCheck } from '../../../test/support/check-tester.ts';
import { pssAppArmorProfile } from './pss-app-armor-profile.ts';

const baseline = { podSecurityLevel: 'baseline' } as const;
const pod = (annotations: string, podProfile: string, containerProfile: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: ${annotations}
spec:
  securityContext: {appArmorProfile: ${podProfile}}
  containers:
    - name: app
      image: "app:1"
      securityContext: {appArmorProfile: ${containerProfile}}
`;
const annotation = (value: string) => `{container.apparmor.security.beta.kubernetes.io/app: "${value}"}`;

testCheck(pssAppArmorProfile, {
  valid: [
    {
      name: 'RuntimeDefault and Localhost',
      yaml: pod('{}', '{type: RuntimeDefault}', '{type: Localhost, localhostProfile: k8s-app}'),
      settings: baseline,
    },
    {
      name: 'annotation runtime/default',
      yaml: pod(annotation('runtime/default'), 'null', 'null'),
      settings: baseline,
    },
    {
      name: 'annotation localhost/',
      yaml: pod(annotation('localhost/k8s-app'), 'null', 'null'),
      settings: baseline,
    },
    { name: 'empty annotation', yaml: pod(annotation(''), 'null', 'null'), settings: baseline },
    {
      name: 'other annotations',
      yaml: pod('{example.com/apparmor: unconfined}', 'null', 'null'),
      settings: baseline,
    },
    {
      name: 'annotations on the Deployment itself are not the pod template',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  annotations: {container.apparmor.security.beta.kubernetes.io/app: unconfined}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec: {containers: [{name: app, image: "app:1"}]}
`,
      settings: baseline,
    },
  ],
  invalid: [
    {
      name: 'Unconfined at pod level (field exists from v1.30, checked at every version)',
      yaml: pod('{}', '{type: Unconfined}', 'null'),
      settings: { podSecurityLevel: 'baseline', kubeVersion: '1.0' },
      findings: [
        {
          message: 'forbidden AppArmor profile (pod must not set AppArmor profile type to "Unconfined")',
          path: 'spec.securityContext.appArmorProfile.type',
          line: 7,
        },
      ],
    },
    {
      name: 'container profile without a type',
      yaml: pod('{}', 'null', '{}'),
      settings: baseline,
      findings: [{ path: 'spec.containers[0].securityContext.appArmorProfile.type', message: /type to ""/ }],
    },
    {
      name: 'unconfined annotation on a Deployment pod template',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata:
      labels: {app: d}
      annotations: {container.apparmor.security.beta.kubernetes.io/app: unconfined}
    spec: {containers: [{name: app, image: "app:1"}]}
`,
      settings: { podSecurityLevel: 'restricted' },
      findings: [
        {
          message:
            'forbidden AppArmor profile (forbidden annotation container.apparmor.security.beta.kubernetes.io/app="unconfined")',
          path: 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]',
          line: 9,
        },
      ],
    },
  ],
});
