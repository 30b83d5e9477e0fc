import { testCheck } from '../../../test/support/check-tester.ts';
import { containerPrivileged } from './container-privileged.ts';

const pod = (spec: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${spec}
`;

testCheck(containerPrivileged, {
  valid: [
    { name: 'no security context', yaml: pod('  containers: [{name: app, image: "app:1"}]') },
    {
      name: 'privileged false',
      yaml: pod('  containers: [{name: app, image: "app:1", securityContext: {privileged: false}}]'),
    },
    {
      name: 'pod-level key is not part of the API',
      yaml: pod('  securityContext: {privileged: true}\n  containers: [{name: app, image: "app:1"}]'),
    },
    {
      name: 'string "true" is not a boolean',
      yaml: pod('  containers: [{name: app, securityContext: {privileged: "true"}}]'),
    },
    {
      name: 'securityContext of the wrong type',
      yaml: pod('  containers: [{name: app, securityContext: [1, 2]}]'),
    },
    {
      name: 'windows pod',
      yaml: pod('  os: {name: windows}\n  containers: [{name: app, securityContext: {privileged: true}}]'),
    },
  ],
  invalid: [
    {
      name: 'privileged container',
      yaml: pod('  containers:\n    - name: app\n      securityContext:\n        privileged: true'),
      findings: [
        {
          message: 'container "app" runs privileged',
          path: 'spec.containers[0].securityContext.privileged',
          line: 9,
        },
      ],
    },
    {
      name: 'privileged init and ephemeral containers in a Deployment',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers: [{name: init, securityContext: {privileged: true}}]
      containers: [{name: app}]
      ephemeralContainers: [{name: dbg, securityContext: {privileged: true}}]
`,
      findings: [
        {
          message: 'init container "init" runs privileged',
          path: 'spec.template.spec.initContainers[0].securityContext.privileged',
        },
        { message: 'ephemeral container "dbg" runs privileged' },
      ],
    },
  ],
});
