import { testCheck } from '../../../test/support/check-tester.ts';
import { containerLivenessProbeMissing } from './container-liveness-probe-missing.ts';

const deployment = (containers: string, extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
${extra}      containers: ${containers}
`;

testCheck(containerLivenessProbeMissing, {
  valid: [
    {
      name: 'httpGet liveness probe',
      yaml: deployment('[{name: web, image: "w:1", livenessProbe: {httpGet: {port: 8080, path: /healthz}}}]'),
    },
    {
      name: 'exec liveness probe',
      yaml: deployment('[{name: web, image: "w:1", livenessProbe: {exec: {command: [true]}}}]'),
    },
    {
      name: 'init containers and sidecars are exempt',
      yaml: deployment(
        '[{name: web, image: "w:1", livenessProbe: {tcpSocket: {port: 80}}}]',
        '      initContainers: [{name: init, image: "i:1"}, {name: proxy, image: "p:1", restartPolicy: Always}]\n',
      ),
    },
    {
      name: 'Job is exempt',
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec: {template: {spec: {restartPolicy: Never, containers: [{name: once, image: "o:1"}]}}}
`,
    },
    {
      name: 'bare run-to-completion pod is exempt',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: task}
spec: {restartPolicy: OnFailure, containers: [{name: task, image: "t:1"}]}
`,
    },
    { name: 'containers of the wrong type', yaml: deployment('"not a list"') },
  ],
  invalid: [
    {
      name: 'one of two containers lacks a probe',
      yaml: deployment(
        '[{name: web, image: "w:1", livenessProbe: {tcpSocket: {port: 80}}}, {name: log, image: "l:1"}]',
      ),
      findings: [
        { message: 'container "log" has no liveness probe', path: 'spec.template.spec.containers[1]' },
      ],
    },
    {
      name: 'probe set to null',
      yaml: deployment('[{name: web, image: "w:1", livenessProbe: null}]'),
      findings: [{ message: 'container "web" has no liveness probe' }],
    },
    {
      name: 'bare pod with default restartPolicy',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: c, image: "c:1"}]}
`,
      findings: [{ object: 'Pod/p' }],
    },
  ],
});
