import { testCheck } from '../../../test/support/check-tester.ts';
import { imageTagMutable } from './image-tag-mutable.ts';

const deployment = (image: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: ${image}
`;

testCheck(imageTagMutable, {
  valid: [
    { name: 'version tag', yaml: deployment('nginx:1.27.2') },
    { name: 'digest without tag', yaml: deployment('nginx@sha256:0123456789abcdef') },
    { name: 'registry with port and tag', yaml: deployment('registry.local:5000/team/app:2.0') },
    { name: 'latest allowed by params', yaml: deployment('nginx:latest'), params: { mutableTags: [] } },
  ],
  invalid: [
    {
      name: 'a placeholder is named as one, not as an image without a tag',
      yaml: deployment('"<YOUR-CONTAINER>"'),
      findings: [
        {
          message: 'container "web" image "<YOUR-CONTAINER>" is a placeholder to replace with a pinned image',
        },
      ],
    },
    {
      name: 'latest tag',
      yaml: deployment('nginx:latest'),
      findings: [{ message: 'container "web" image "nginx:latest" uses the mutable tag "latest"', line: 12 }],
    },
    {
      name: 'no tag, registry with port',
      yaml: deployment('registry.local:5000/team/app'),
      findings: [{ path: 'spec.template.spec.containers[0].image', message: /has no tag/ }],
    },
    {
      name: 'init container without tag in a CronJob',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers: [{name: init, image: busybox}]
          containers: [{name: main, image: "busybox:1.36"}]
`,
      findings: [{ path: 'spec.jobTemplate.spec.template.spec.initContainers[0].image', line: 12 }],
    },
  ],
});
