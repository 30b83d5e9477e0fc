// Built-in API versions that Kubernetes stopped serving, from 1.16 on. Our own table of facts: the rows come from the
// Deprecated API Migration Guide (GUIDE); removals the guide does not list come from the release's changelog and
// are confirmed by the bundled OpenAPI schemas (the kind is served in the minor before and not in removedIn).
// Alpha versions are not listed: they are off by default and may go at any release.

const GUIDE = 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/';
const changelog = (minor: string) =>
  `https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG/CHANGELOG-${minor}.md`;

export interface ApiDeprecation {
  /** The old group/version, e.g. "extensions/v1beta1". */
  apiVersion: string;
  kind: string;
  /** Minor version that deprecated it, when known. */
  deprecatedIn?: string;
  /** First minor version that no longer serves it. */
  removedIn: string;
  /** The apiVersion to migrate to; absent when the API was removed without a replacement. */
  replacement?: string;
  /** Minor version from which the replacement is served. */
  replacementAvailableIn?: string;
  /** Where the fact comes from. */
  source: string;
}

type Row = [
  apiVersion: string,
  kinds: string[],
  deprecatedIn: string | undefined,
  replacement: string | undefined,
  replacementAvailableIn: string | undefined,
];

function removedIn(minor: string, source: string, rows: Row[]): ApiDeprecation[] {
  return rows.flatMap(([apiVersion, kinds, deprecatedIn, replacement, replacementAvailableIn]) =>
    kinds.map((kind) => {
      const row: ApiDeprecation = { apiVersion, kind, removedIn: minor, source };
      if (deprecatedIn) row.deprecatedIn = deprecatedIn;
      if (replacement) row.replacement = replacement;
      if (replacementAvailableIn) row.replacementAvailableIn = replacementAvailableIn;
      return row;
    }),
  );
}

const WORKLOADS_116 = ['Deployment', 'DaemonSet', 'ReplicaSet'];

export const API_DEPRECATIONS: readonly ApiDeprecation[] = [
  ...removedIn('1.16', `${GUIDE}#v1-16`, [
    ['extensions/v1beta1', ['NetworkPolicy'], '1.9', 'networking.k8s.io/v1', '1.8'],
    ['extensions/v1beta1', ['PodSecurityPolicy'], '1.10', 'policy/v1beta1', '1.10'],
    ['extensions/v1beta1', WORKLOADS_116, '1.9', 'apps/v1', '1.9'],
    ['apps/v1beta1', ['Deployment', 'StatefulSet', 'ControllerRevision'], '1.9', 'apps/v1', '1.9'],
    ['apps/v1beta2', [...WORKLOADS_116, 'StatefulSet', 'ControllerRevision'], '1.9', 'apps/v1', '1.9'],
  ]),
  ...removedIn('1.22', `${GUIDE}#v1-22`, [
    [
      'admissionregistration.k8s.io/v1beta1',
      ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
      '1.16',
      'admissionregistration.k8s.io/v1',
      '1.16',
    ],
    ['apiextensions.k8s.io/v1beta1', ['CustomResourceDefinition'], '1.16', 'apiextensions.k8s.io/v1', '1.16'],
    ['apiregistration.k8s.io/v1beta1', ['APIService'], '1.19', 'apiregistration.k8s.io/v1', '1.10'],
    ['authentication.k8s.io/v1beta1', ['TokenReview'], '1.19', 'authentication.k8s.io/v1', '1.6'],
    [
      'authorization.k8s.io/v1beta1',
      [
        'SubjectAccessReview',
        'LocalSubjectAccessReview',
        'SelfSubjectAccessReview',
        'SelfSubjectRulesReview',
      ],
      '1.19',
      'authorization.k8s.io/v1',
      '1.6',
    ],
    ['certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], '1.19', 'certificates.k8s.io/v1', '1.19'],
    ['coordination.k8s.io/v1beta1', ['Lease'], '1.19', 'coordination.k8s.io/v1', '1.14'],
    ['extensions/v1beta1', ['Ingress'], '1.14', 'networking.k8s.io/v1', '1.19'],
    ['networking.k8s.io/v1beta1', ['Ingress', 'IngressClass'], '1.19', 'networking.k8s.io/v1', '1.19'],
    [
      'rbac.authorization.k8s.io/v1beta1',
      ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
      '1.17',
      'rbac.authorization.k8s.io/v1',
      '1.8',
    ],
    ['scheduling.k8s.io/v1beta1', ['PriorityClass'], '1.14', 'scheduling.k8s.io/v1', '1.14'],
    ['storage.k8s.io/v1beta1', ['CSIDriver'], undefined, 'storage.k8s.io/v1', '1.19'],
    ['storage.k8s.io/v1beta1', ['CSINode'], undefined, 'storage.k8s.io/v1', '1.17'],
    ['storage.k8s.io/v1beta1', ['StorageClass'], undefined, 'storage.k8s.io/v1', '1.6'],
    ['storage.k8s.io/v1beta1', ['VolumeAttachment'], undefined, 'storage.k8s.io/v1', '1.13'],
  ]),
  ...removedIn('1.25', `${GUIDE}#v1-25`, [
    ['batch/v1beta1', ['CronJob'], '1.21', 'batch/v1', '1.21'],
    ['discovery.k8s.io/v1beta1', ['EndpointSlice'], '1.21', 'discovery.k8s.io/v1', '1.21'],
    ['events.k8s.io/v1beta1', ['Event'], '1.19', 'events.k8s.io/v1', '1.19'],
    ['autoscaling/v2beta1', ['HorizontalPodAutoscaler'], '1.22', 'autoscaling/v2', '1.23'],
    ['policy/v1beta1', ['PodDisruptionBudget'], '1.21', 'policy/v1', '1.21'],
    // Removed without a replacement API: Pod Security Admission replaces it.
    ['policy/v1beta1', ['PodSecurityPolicy'], '1.21', undefined, undefined],
    ['node.k8s.io/v1beta1', ['RuntimeClass'], '1.22', 'node.k8s.io/v1', '1.20'],
  ]),
  ...removedIn('1.26', `${GUIDE}#v1-26`, [
    [
      'flowcontrol.apiserver.k8s.io/v1beta1',
      ['FlowSchema', 'PriorityLevelConfiguration'],
      '1.23',
      'flowcontrol.apiserver.k8s.io/v1beta3',
      '1.26',
    ],
    ['autoscaling/v2beta2', ['HorizontalPodAutoscaler'], '1.23', 'autoscaling/v2', '1.23'],
  ]),
  ...removedIn('1.27', `${GUIDE}#v1-27`, [
    ['storage.k8s.io/v1beta1', ['CSIStorageCapacity'], '1.24', 'storage.k8s.io/v1', '1.24'],
  ]),
  ...removedIn('1.29', `${GUIDE}#v1-29`, [
    [
      'flowcontrol.apiserver.k8s.io/v1beta2',
      ['FlowSchema', 'PriorityLevelConfiguration'],
      '1.26',
      'flowcontrol.apiserver.k8s.io/v1',
      '1.29',
    ],
  ]),
  ...removedIn('1.32', `${GUIDE}#v1-32`, [
    [
      'flowcontrol.apiserver.k8s.io/v1beta3',
      ['FlowSchema', 'PriorityLevelConfiguration'],
      '1.29',
      'flowcontrol.apiserver.k8s.io/v1',
      '1.29',
    ],
  ]),
  // Beta versions the guide does not list, gone from the release's OpenAPI (see the file comment).
  ...removedIn('1.33', changelog('1.33'), [
    ['authentication.k8s.io/v1beta1', ['SelfSubjectReview'], undefined, 'authentication.k8s.io/v1', '1.28'],
  ]),
  ...removedIn('1.34', changelog('1.34'), [
    [
      'admissionregistration.k8s.io/v1beta1',
      ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
      undefined,
      'admissionregistration.k8s.io/v1',
      '1.30',
    ],
  ]),
  ...removedIn('1.37', changelog('1.37'), [
    ['networking.k8s.io/v1beta1', ['IPAddress', 'ServiceCIDR'], undefined, 'networking.k8s.io/v1', '1.33'],
    ['storage.k8s.io/v1beta1', ['VolumeAttributesClass'], undefined, 'storage.k8s.io/v1', '1.34'],
  ]),
];

const byKey = new Map(API_DEPRECATIONS.map((d) => [`${d.apiVersion}:${d.kind}`, d]));

export function deprecationOf(apiVersion: string, kind: string): ApiDeprecation | undefined {
  return byKey.get(`${apiVersion}:${kind}`);
}

/** Compares "1.25" style minor versions (a leading "v" and a patch are ignored). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => v.replace(/^v/, '').split('.').map(Number);
  const [aMajor = 0, aMinor = 0] = parse(a);
  const [bMajor = 0, bMinor = 0] = parse(b);
  return aMajor - bMajor || aMinor - bMinor;
}

export type ApiStatus = 'served' | 'deprecated' | 'removed';

/** Whether the apiVersion/kind is served, deprecated or removed in the target minor version. */
export function apiStatus(deprecation: ApiDeprecation, target: string): ApiStatus {
  if (compareVersions(target, deprecation.removedIn) >= 0) return 'removed';
  if (deprecation.deprecatedIn && compareVersions(target, deprecation.deprecatedIn) >= 0) return 'deprecated';
  return 'served';
}
