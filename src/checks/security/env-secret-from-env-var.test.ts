import { testCheck } from '../../../test/support/check-tester.ts';
import { envSecretFromEnvVar } from './env-secret-from-env-var.ts';

const pod = (container: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [${container}]
`;

testCheck(envSecretFromEnvVar, {
  valid: [
    {
      name: 'configmap ref',
      yaml: pod('{name: app, env: [{name: A, valueFrom: {configMapKeyRef: {name: c, key: a}}}]}'),
    },
    { name: 'literal', yaml: pod('{name: app, env: [{name: A, value: b}]}') },
  ],
  invalid: [
    {
      name: 'secretKeyRef and envFrom secretRef',
      yaml: pod(
        '{name: app, env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: s, key: t}}}], envFrom: [{secretRef: {name: all}}]}',
      ),
      findings: [
        {
          message: 'container "app" env var "TOKEN" reads Secret "s"',
          path: 'spec.containers[0].env[0].valueFrom.secretKeyRef',
        },
        { message: 'container "app" reads every key of Secret "all" into env vars' },
      ],
    },
  ],
});
