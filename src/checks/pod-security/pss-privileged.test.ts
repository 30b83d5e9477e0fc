import { testCheck } from '../../../test/support/check-tester.ts';
import { pssPrivileged } from './pss-privileged.ts';

const baseline = { podSecurityLevel: 'baseline' } as const;

testCheck(pssPrivileged, {
  valid: [
    {
      name: 'privileged false and no securityContext',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - {name: a, image: "app:1", securityContext: {privileged: false}}
    - {name: b, image: "app:1"}
    - {name: c, image: "app:1", securityContext: null}
`,
      settings: baseline,
    },
  ],
  invalid: [
    {
      name: 'init and ephemeral containers are checked too',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: init, image: "app:1", securityContext: {privileged: true}}
  containers:
    - {name: app, image: "app:1"}
  ephemeralContainers:
    - {name: debug, image: "busybox:1", securityContext: {privileged: true}}
`,
      settings: baseline,
      findings: [
        {
          message: 'privileged (container "init" must not set securityContext.privileged=true)',
          path: 'spec.initContainers[0].securityContext.privileged',
          line: 6,
        },
        { path: 'spec.ephemeralContainers[0].securityContext.privileged', line: 10 },
      ],
    },
    {
      name: 'CronJob template at v1.37',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: app, image: "app:1", securityContext: {privileged: true}}]
`,
      settings: { podSecurityLevel: 'restricted', kubeVersion: '1.37' },
      findings: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged' }],
    },
  ],
});
