// What counts as "used": src/k8s/usage.ts and docs/hygiene-rules.md.
import { unusedCheck } from './shared.ts';

export const secretUnused = unusedCheck('Secret', {
  id: 'secret-unused',
  title: 'Unused Secret',
  severity: 'low',
  description:
    'A Secret nothing in the cluster uses (no pod volume, env or imagePullSecrets, no ServiceAccount, Ingress or Gateway TLS, not the token of an existing ServiceAccount, not a Helm release record) is a credential lying around: left over, maybe still valid somewhere, one more thing that can leak.',
  remediation:
    'Confirm nothing outside the cluster reads it, revoke the credential it holds if it is obsolete, then delete it through a reviewed plan.',
  peers: { kor: ['secret'], popeye: ['POP-400'] },
});
