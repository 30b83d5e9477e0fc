// The API resources shipshape reads, and where each one lives.
// https://kubernetes.io/docs/reference/generated/kubernetes-api/
export interface ResourceType {
  kind: string;
  group: string;
  version: string;
  /** The plural resource name used in URLs. */
  resource: string;
  namespaced: boolean;
}

const R = (kind: string, apiVersion: string, resource: string, namespaced = true): ResourceType => {
  const [group, version] = apiVersion.includes('/')
    ? (apiVersion.split('/') as [string, string])
    : ['', apiVersion];
  return { kind, group, version, resource, namespaced };
};

/** Built-in kinds the analyzers know, in the order they are read. */
export const BUILTIN_RESOURCES: readonly ResourceType[] = [
  R('Namespace', 'v1', 'namespaces', false),
  R('Node', 'v1', 'nodes', false),
  R('Pod', 'v1', 'pods'),
  R('Event', 'v1', 'events'),
  R('Service', 'v1', 'services'),
  R('EndpointSlice', 'discovery.k8s.io/v1', 'endpointslices'),
  R('ConfigMap', 'v1', 'configmaps'),
  R('Secret', 'v1', 'secrets'),
  R('ServiceAccount', 'v1', 'serviceaccounts'),
  R('PersistentVolumeClaim', 'v1', 'persistentvolumeclaims'),
  R('PersistentVolume', 'v1', 'persistentvolumes', false),
  R('ResourceQuota', 'v1', 'resourcequotas'),
  R('LimitRange', 'v1', 'limitranges'),
  R('ReplicationController', 'v1', 'replicationcontrollers'),
  R('Deployment', 'apps/v1', 'deployments'),
  R('ReplicaSet', 'apps/v1', 'replicasets'),
  R('StatefulSet', 'apps/v1', 'statefulsets'),
  R('DaemonSet', 'apps/v1', 'daemonsets'),
  R('ControllerRevision', 'apps/v1', 'controllerrevisions'),
  R('Job', 'batch/v1', 'jobs'),
  R('CronJob', 'batch/v1', 'cronjobs'),
  R('HorizontalPodAutoscaler', 'autoscaling/v2', 'horizontalpodautoscalers'),
  R('PodDisruptionBudget', 'policy/v1', 'poddisruptionbudgets'),
  R('Ingress', 'networking.k8s.io/v1', 'ingresses'),
  R('IngressClass', 'networking.k8s.io/v1', 'ingressclasses', false),
  R('NetworkPolicy', 'networking.k8s.io/v1', 'networkpolicies'),
  R('StorageClass', 'storage.k8s.io/v1', 'storageclasses', false),
  R('PriorityClass', 'scheduling.k8s.io/v1', 'priorityclasses', false),
  R('Role', 'rbac.authorization.k8s.io/v1', 'roles'),
  R('RoleBinding', 'rbac.authorization.k8s.io/v1', 'rolebindings'),
  R('ClusterRole', 'rbac.authorization.k8s.io/v1', 'clusterroles', false),
  R('ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', 'clusterrolebindings', false),
  R(
    'MutatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1',
    'mutatingwebhookconfigurations',
    false,
  ),
  R(
    'ValidatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1',
    'validatingwebhookconfigurations',
    false,
  ),
  R('APIService', 'apiregistration.k8s.io/v1', 'apiservices', false),
  R('CustomResourceDefinition', 'apiextensions.k8s.io/v1', 'customresourcedefinitions', false),
];

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** The collection URL for a type, cluster-wide or in one namespace. */
export function collectionPath(type: ResourceType, namespace?: string): string {
  const base = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  return namespace && type.namespaced
    ? `${base}/namespaces/${namespace}/${type.resource}`
    : `${base}/${type.resource}`;
}

export function findResource(kind: string): ResourceType | undefined {
  const lower = kind.toLowerCase();
  return BUILTIN_RESOURCES.find(
    (r) => r.kind.toLowerCase() === lower || r.resource === lower || r.resource.replace(/s$/, '') === lower,
  );
}
