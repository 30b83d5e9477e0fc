import { testCheck } from '../../../test/support/check-tester.ts';
import { labelsInstanceMismatch } from './labels-instance-mismatch.ts';

const pod = (labels: string) => `
apiVersion: v1
kind: Pod
metadata: {name: cache, labels: ${labels}}
spec: {containers: [{name: c, image: "c:1"}]}
`;

testCheck(labelsInstanceMismatch, {
  valid: [
    { name: 'instance equals name', yaml: pod('{app.kubernetes.io/instance: cache}') },
    {
      name: 'Services are not checked',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {}\n',
    },
  ],
  invalid: [
    {
      name: 'differs',
      yaml: pod('{app.kubernetes.io/instance: redis}'),
      findings: [
        {
          message: 'Pod "cache" label "app.kubernetes.io/instance" is "redis", not the object name',
          path: 'metadata.labels["app.kubernetes.io/instance"]',
        },
      ],
    },
    {
      name: 'missing',
      yaml: pod('{}'),
      findings: [{ message: 'Pod "cache" has no label "app.kubernetes.io/instance"' }],
    },
  ],
});
