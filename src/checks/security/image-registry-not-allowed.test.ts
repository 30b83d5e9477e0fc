import { testCheck } from '../../../test/support/check-tester.ts';
import { imageRegistryNotAllowed } from './image-registry-not-allowed.ts';

const pod = (...images: string[]) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
${images.map((image, i) => `    - {name: c${i}, image: "${image}"}`).join('\n')}
`;
const allowed = { allowedRegistries: ['registry.example.com', 'ghcr.io/acme', 'docker.io/library'] };

testCheck(imageRegistryNotAllowed, {
  valid: [
    { name: 'empty list does nothing', yaml: pod('evil.io/x:1') },
    { name: 'allowed host', yaml: pod('registry.example.com/team/app:1.0'), params: allowed },
    { name: 'allowed prefix', yaml: pod('ghcr.io/acme/tool@sha256:abc'), params: allowed },
    { name: 'official Docker Hub image', yaml: pod('nginx:1.27'), params: allowed },
  ],
  invalid: [
    {
      name: 'other registries',
      params: allowed,
      yaml: pod(
        'ghcr.io/acmecorp/tool:1',
        'registry.example.com.evil.io/app:1',
        'bitnami/redis:7',
        'registry.example.com/ok:1',
      ),
      findings: [
        { message: 'container "c0" image "ghcr.io/acmecorp/tool:1" is not from an allowed registry' },
        { message: /registry\.example\.com\.evil\.io/ },
        { message: /bitnami\/redis/, path: 'spec.containers[2].image' },
      ],
    },
  ],
});
