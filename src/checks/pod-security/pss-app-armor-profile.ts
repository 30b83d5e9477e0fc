// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_appArmorProfile.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssAppArmorProfile = defineCheck({
  id: 'pss-app-armor-profile',
  title: 'AppArmor profile is disabled or overridden (Pod Security baseline)',
  severity: 'high',
  category: 'pod-security',
  description:
    'The container runtime applies its default AppArmor profile on supported hosts; setting the profile to Unconfined (field appArmorProfile.type, or the beta annotation container.apparmor.security.beta.kubernetes.io/<container>) removes that confinement. The baseline Pod Security Standard allows only RuntimeDefault and Localhost profiles (annotations: runtime/default, localhost/*, or empty).',
  remediation:
    'Remove the Unconfined profile, or set securityContext.appArmorProfile.type to RuntimeDefault (or Localhost with a profile loaded on the nodes).',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tutorials/security/apparmor/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_appArmorProfile.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('baseline'),
  peers: { 'pod-security': ['appArmorProfile'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('appArmorProfile', object, settings);
  },
});
