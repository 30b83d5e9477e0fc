import { testCheck } from '../../../test/support/check-tester.ts';
import { pssVolumeTypes } from './pss-volume-types.ts';

const pod = (volumes: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: "app:1"}]
  volumes:
${volumes}
`;
const restricted = { podSecurityLevel: 'restricted', kubeVersion: '1.30' } as const;

testCheck(pssVolumeTypes, {
  valid: [
    {
      name: 'every allowed type',
      yaml: pod(`    - {name: a, configMap: {name: c}}
    - {name: b, secret: {secretName: s}}
    - {name: c, emptyDir: {}}
    - {name: d, persistentVolumeClaim: {claimName: data}}
    - {name: e, projected: {sources: []}}
    - {name: f, downwardAPI: {items: []}}
    - {name: g, csi: {driver: example.csi.k8s.io}}
    - {name: h, ephemeral: {volumeClaimTemplate: {spec: {}}}}
    - {name: i, image: {reference: "data:1"}}`),
      settings: restricted,
    },
    {
      name: 'a volume without a source is defaulted to emptyDir',
      yaml: pod('    - {name: scratch}'),
      settings: restricted,
    },
    {
      name: 'not evaluated at baseline',
      yaml: pod('    - {name: n, nfs: {server: nfs, path: /}}'),
      settings: { podSecurityLevel: 'baseline' },
    },
  ],
  invalid: [
    {
      name: 'nfs and hostPath',
      yaml: pod(
        '    - {name: "n", nfs: {server: nfs.local, path: /exports}}\n    - {name: h, hostPath: {path: /etc}}',
      ),
      settings: restricted,
      findings: [
        {
          message: 'restricted volume types (volume "n" uses restricted volume type "nfs")',
          path: 'spec.volumes[0].nfs',
          line: 7,
        },
        {
          message: 'restricted volume types (volume "h" uses restricted volume type "hostPath")',
          path: 'spec.volumes[1].hostPath',
        },
      ],
    },
    {
      name: 'gitRepo at v1.0',
      yaml: pod('    - {name: g, gitRepo: {repository: "https://example.com/r.git"}}'),
      settings: { podSecurityLevel: 'restricted', kubeVersion: '1.0' },
      findings: [{ message: /"gitRepo"/ }],
    },
  ],
});
