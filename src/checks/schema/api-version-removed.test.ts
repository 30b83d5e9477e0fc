import { testCheck } from '../../../test/support/check-tester.ts';
import { apiVersionRemoved } from './api-version-removed.ts';

const ingress = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: web}\nspec: {}\n';
const cronJob = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: nightly}\n';

testCheck(apiVersionRemoved, {
  valid: [
    {
      name: 'a current apiVersion',
      yaml: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n',
    },
    { name: 'still served by the target version', yaml: cronJob, settings: { kubeVersion: '1.24' } },
    {
      name: 'a custom resource of a group with the same version name',
      yaml: 'apiVersion: example.com/v1beta1\nkind: CronJob\nmetadata: {name: x}\n',
    },
  ],
  invalid: [
    {
      name: 'removed before the newest bundled version (the default target)',
      yaml: ingress,
      findings: [
        {
          message:
            'extensions/v1beta1 Ingress is not served since Kubernetes 1.22 (target 1.37); use networking.k8s.io/v1 (served since 1.19)',
          path: 'apiVersion',
          line: 1,
          severity: 'critical',
        },
      ],
    },
    {
      name: 'removed exactly in the target version',
      yaml: cronJob,
      settings: { kubeVersion: '1.25' },
      findings: [
        {
          message:
            'batch/v1beta1 CronJob is not served since Kubernetes 1.25 (target 1.25); use batch/v1 (served since 1.21)',
        },
      ],
    },
    {
      name: 'removed without replacement',
      yaml: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: psp}\n',
      findings: [{ message: /1\.25 \(target 1\.37\); it has no replacement API: Pod Security Admission/ }],
    },
  ],
});
