// Risky capabilities a role can hold, each asked of the evaluator as the requests it stands for
// (docs/research rbac.md §3.2). A capability is held when some rule allows one of its requests.
import type { RoleRule } from './objects.ts';
import { type ResourceRequest, ruleAllows } from './rule.ts';

export interface Capability {
  readonly label: string;
  /** [apiGroup, resource or resource/subresource] pairs. */
  readonly targets: readonly (readonly [string, string])[];
  readonly verbs: readonly string[];
  /** Only a ClusterRoleBinding can grant it (cluster-scoped resources). */
  readonly clusterScoped?: boolean;
  /** A rule limited to resourceNames still grants it (a named pod's exec is still exec). */
  readonly namedCounts?: boolean;
}

export interface Held {
  readonly verbs: string[];
  /** "pods/exec", "deployments.apps" */
  readonly resources: string[];
  /** The first rule that grants it. */
  readonly rule: RoleRule;
}

function request(verb: string, group: string, target: string): ResourceRequest {
  const slash = target.indexOf('/');
  return {
    resourceRequest: true,
    verb,
    namespace: '',
    apiGroup: group,
    resource: slash === -1 ? target : target.slice(0, slash),
    subresource: slash === -1 ? '' : target.slice(slash + 1),
    name: '',
  };
}

function allows(rule: RoleRule, req: ResourceRequest, namedCounts: boolean): boolean {
  if (ruleAllows(rule.rule, req)) return true;
  const name = rule.rule.resourceNames[0];
  return namedCounts && name !== undefined && ruleAllows(rule.rule, { ...req, name });
}

/** "pods/exec", "deployments.apps", "certificatesigningrequests.certificates.k8s.io/approval" */
export function resourceLabel(group: string, target: string): string {
  if (group === '') return target;
  const slash = target.indexOf('/');
  return slash === -1 ? `${target}.${group}` : `${target.slice(0, slash)}.${group}${target.slice(slash)}`;
}

/** Which of the capability's verbs and resources the rules grant, or undefined. */
export function holds(rules: readonly RoleRule[], capability: Capability): Held | undefined {
  const verbs = new Set<string>();
  const resources = new Set<string>();
  let first: RoleRule | undefined;
  for (const [group, target] of capability.targets)
    for (const verb of capability.verbs) {
      const req = request(verb, group, target);
      const rule = rules.find((r) => allows(r, req, capability.namedCounts === true));
      if (!rule) continue;
      first ??= rule;
      verbs.add(verb);
      resources.add(resourceLabel(group, target));
    }
  return first ? { verbs: [...verbs], resources: [...resources], rule: first } : undefined;
}

/** Every verb on every resource of every group, the way cluster-admin holds them. */
export function isFullAccess(rule: RoleRule): boolean {
  const r = rule.rule;
  if (!r.apiGroups.includes('*') || !r.resources.includes('*') || r.resourceNames.length > 0) return false;
  return r.verbs.includes('*') || ALL_STANDARD_VERBS.every((v) => r.verbs.includes(v));
}

/** Verbs that, on every resource of every group, amount to full control (Polaris counts them as a wildcard). */
export const ALL_STANDARD_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;

const WRITE = ['create', 'update', 'patch', 'delete'] as const;

/** exec/attach: `create`, and `get` before 1.35 (the WebSocket upgrade kubectl uses since 1.30 is a GET). */
export function execCapability(kubeVersion: string | undefined): Capability {
  const [major = 1, minor = 0] = (kubeVersion ?? '').split('.').map(Number);
  const getAllowsExec = kubeVersion === undefined || major < 1 || (major === 1 && minor < 35);
  return {
    label: 'pods/exec',
    targets: [
      ['', 'pods/exec'],
      ['', 'pods/attach'],
    ],
    verbs: getAllowsExec ? ['create', 'get'] : ['create'],
    namedCounts: true,
  };
}

export const CAPABILITIES = {
  secretsRead: {
    label: 'read Secrets',
    targets: [['', 'secrets']],
    verbs: ['get', 'list', 'watch'],
  },
  podCreate: {
    label: 'create pods',
    targets: [
      ['', 'pods'],
      ['', 'replicationcontrollers'],
      ['apps', 'deployments'],
      ['apps', 'statefulsets'],
      ['apps', 'daemonsets'],
      ['apps', 'replicasets'],
      ['batch', 'jobs'],
      ['batch', 'cronjobs'],
    ],
    verbs: ['create'],
  },
  nodesProxy: {
    label: 'nodes/proxy',
    targets: [['', 'nodes/proxy']],
    verbs: ['get', 'create'],
    clusterScoped: true,
    namedCounts: true,
  },
  tokenRequest: {
    label: 'serviceaccounts/token',
    targets: [['', 'serviceaccounts/token']],
    verbs: ['create'],
    namedCounts: true,
  },
  escalate: {
    label: 'escalate',
    targets: [
      ['rbac.authorization.k8s.io', 'roles'],
      ['rbac.authorization.k8s.io', 'clusterroles'],
    ],
    verbs: ['escalate'],
  },
  bind: {
    label: 'bind',
    targets: [
      ['rbac.authorization.k8s.io', 'roles'],
      ['rbac.authorization.k8s.io', 'clusterroles'],
    ],
    verbs: ['bind'],
  },
  /** Impersonating users, groups, uids and extras is checked cluster-wide (namespace ""). */
  impersonateIdentities: {
    label: 'impersonate',
    targets: [
      ['', 'users'],
      ['', 'groups'],
      ['authentication.k8s.io', 'uids'],
      ['authentication.k8s.io', 'userextras/scopes'],
    ],
    verbs: ['impersonate'],
    clusterScoped: true,
  },
  /** Impersonating a ServiceAccount is checked in its namespace. */
  impersonateServiceAccounts: {
    label: 'impersonate',
    targets: [['', 'serviceaccounts']],
    verbs: ['impersonate'],
    namedCounts: true,
  },
  csrApproval: {
    label: 'approve certificate signing requests',
    targets: [['certificates.k8s.io', 'certificatesigningrequests/approval']],
    verbs: ['update', 'patch'],
    clusterScoped: true,
  },
  signerApprove: {
    label: 'approve for a signer',
    targets: [['certificates.k8s.io', 'signers']],
    verbs: ['approve'],
    clusterScoped: true,
    namedCounts: true,
  },
  mutatingAdmission: {
    label: 'write mutating admission',
    targets: [
      ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations'],
      ['admissionregistration.k8s.io', 'mutatingadmissionpolicies'],
      ['admissionregistration.k8s.io', 'mutatingadmissionpolicybindings'],
    ],
    verbs: WRITE,
    clusterScoped: true,
  },
  validatingAdmission: {
    label: 'write validating admission',
    targets: [
      ['admissionregistration.k8s.io', 'validatingwebhookconfigurations'],
      ['admissionregistration.k8s.io', 'validatingadmissionpolicies'],
      ['admissionregistration.k8s.io', 'validatingadmissionpolicybindings'],
    ],
    verbs: WRITE,
    clusterScoped: true,
  },
  apiExtension: {
    label: 'write API extensions',
    targets: [
      ['apiextensions.k8s.io', 'customresourcedefinitions'],
      ['apiregistration.k8s.io', 'apiservices'],
    ],
    verbs: WRITE,
    clusterScoped: true,
  },
} satisfies Record<string, Capability>;
