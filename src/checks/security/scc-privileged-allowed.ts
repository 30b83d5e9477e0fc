// https://docs.openshift.com/container-platform/latest/authentication/managing-security-context-constraints.html
import { defineCheck } from '../../core/check.ts';

export const sccPrivilegedAllowed = defineCheck({
  id: 'scc-privileged-allowed',
  title: 'OpenShift SecurityContextConstraints allow privileged containers',
  severity: 'high',
  category: 'security',
  description:
    'On OpenShift, a SecurityContextConstraints object decides what pods of the users and ServiceAccounts it ' +
    'lists may request. allowPrivilegedContainer: true lets all of them run privileged containers, which are root ' +
    'on the node (see container-privileged).',
  remediation:
    'Set `allowPrivilegedContainer: false`, or grant a dedicated SCC only to the one ServiceAccount that needs it.',
  docs: [
    'https://docs.openshift.com/container-platform/latest/authentication/managing-security-context-constraints.html',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  appliesTo: ['SecurityContextConstraints'],
  peers: { 'kube-linter': ['scc-deny-privileged-container'] },
  *check({ object, ref }) {
    if (object.allowPrivilegedContainer !== true) return;
    yield {
      path: ['allowPrivilegedContainer'],
      message: `SecurityContextConstraints "${ref.name}" sets allowPrivilegedContainer: true`,
    };
  },
});
