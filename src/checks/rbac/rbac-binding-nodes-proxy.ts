// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes
import { defineCheck } from '../../core/check.ts';
import { CAPABILITIES } from '../../k8s/rbac/capabilities.ts';
import { bindingGrant, capabilityIssue, DEFAULT_EXEMPT_BINDINGS } from './grant.ts';

export const rbacBindingNodesProxy = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-binding-nodes-proxy',
  title: 'Binding gives subjects the kubelet API (nodes/proxy)',
  severity: 'critical',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    'nodes/proxy reaches the kubelet API of every node. The kubelet authorizes a WebSocket exec as "get", so ' +
    '`get nodes/proxy` alone runs commands in every pod of every node, bypassing admission and the API audit ' +
    'log. Only a ClusterRoleBinding can grant it (nodes are cluster-scoped). Monitoring that needs node metrics ' +
    'can use nodes/metrics and nodes/stats instead.',
  remediation:
    'Grant nodes/metrics, nodes/stats (and, from 1.33, nodes/configz, nodes/healthz, nodes/pods) instead of ' +
    'nodes/proxy; keep nodes/proxy for break-glass identities.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes',
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
  ],
  appliesTo: ['ClusterRoleBinding'],
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  *check(loaded, context) {
    const grant = bindingGrant(loaded, context, context.params.exemptBindings);
    if (!grant) return;
    const issue = capabilityIssue(
      grant,
      CAPABILITIES.nodesProxy,
      (held) => `allows ${held.verbs.join('/')} nodes/proxy`,
    );
    if (issue) yield issue;
  },
});
