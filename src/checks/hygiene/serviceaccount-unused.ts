// What counts as "used": src/k8s/usage.ts and docs/hygiene-rules.md.
import { unusedCheck } from './shared.ts';

export const serviceaccountUnused = unusedCheck('ServiceAccount', {
  id: 'serviceaccount-unused',
  title: 'ServiceAccount no pod runs as',
  severity: 'low',
  description:
    'No pod runs as this ServiceAccount. Left-over ServiceAccounts keep their RoleBindings, so a token minted for one still carries those permissions.',
  remediation: 'If no external system uses its tokens, delete it together with its RoleBindings.',
  peers: { kor: ['serviceaccount'], popeye: ['POP-400'] },
});
