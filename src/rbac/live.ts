// Live-mode honesty: which answers RBAC objects cannot give alone, and SubjectAccessReview as the judge.
import type { UserInfo } from '../k8s/rbac/identity.ts';
import type { RequestAttributes } from '../k8s/rbac/rule.ts';
import type { ClusterClient } from '../sources/cluster/client.ts';

export interface AuthorizerChain {
  /** An authorizer that cannot enumerate rules (webhook: EKS access entries, GKE IAM, AKS Azure RBAC) is in the chain. */
  otherAuthorizers: boolean;
  /** What the API server said (evaluationError of a SelfSubjectRulesReview), or why it could not be asked. */
  detail: string;
}

/**
 * A SelfSubjectRulesReview (any authenticated user may ask it) is "incomplete" exactly when an authorizer in the
 * chain cannot list rules: webhooks always; the Node authorizer only for node identities. So incomplete for us means
 * a webhook, whose grants RBAC objects do not show.
 */
export async function probeAuthorizers(client: ClusterClient, namespace: string): Promise<AuthorizerChain> {
  try {
    const answer = (await client.review('selfsubjectrulesreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      spec: { namespace },
    })) as { status?: { incomplete?: boolean; evaluationError?: string } };
    const incomplete = answer.status?.incomplete === true;
    return {
      otherAuthorizers: incomplete,
      detail: incomplete
        ? (answer.status?.evaluationError ?? 'an authorizer cannot list rules')
        : 'every authorizer in the chain lists its rules (RBAC, and Node for node identities)',
    };
  } catch (error) {
    return { otherAuthorizers: true, detail: `could not ask (${(error as Error).message})` };
  }
}

export interface Verdict {
  allowed: boolean;
  reason: string;
}

/** The API server's own answer for an identity and a request (needs create on subjectaccessreviews). */
export async function subjectAccessReview(
  client: ClusterClient,
  user: UserInfo,
  request: RequestAttributes,
): Promise<Verdict> {
  const spec: Record<string, unknown> = { groups: [...user.groups] };
  if (user.name !== '') spec.user = user.name;
  if (request.resourceRequest)
    spec.resourceAttributes = {
      namespace: request.namespace,
      verb: request.verb,
      group: request.apiGroup,
      resource: request.resource,
      subresource: request.subresource,
      name: request.name,
    };
  else spec.nonResourceAttributes = { path: request.path, verb: request.verb };
  const answer = (await client.review('subjectaccessreviews', {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    spec,
  })) as { status?: { allowed?: boolean; reason?: string; evaluationError?: string } };
  return {
    allowed: answer.status?.allowed === true,
    reason: answer.status?.reason ?? answer.status?.evaluationError ?? '',
  };
}
