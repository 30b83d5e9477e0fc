// Exclusion profiles for managed and local Kubernetes platforms: the namespaces and objects each one creates and
// manages itself, which a hygiene sweep must never call unused (docs/hygiene-rules.md, "Platform profiles").
// Detected from the nodes (spec.providerID scheme and well-known labels) unless --profile names one.
import type { LoadedObject } from '../core/object.ts';

export interface PlatformProfile {
  name: string;
  title: string;
  /** Namespaces the platform owns: "name" or "prefix*". */
  namespaces: string[];
  /** Objects the platform owns anywhere: "name", "prefix*", "Kind/name" or "Kind/prefix*". */
  names: string[];
}

export const PROFILES: readonly PlatformProfile[] = [
  {
    name: 'eks',
    title: 'Amazon EKS',
    namespaces: ['amazon-cloudwatch', 'amazon-guardduty', 'aws-observability', 'amazon-vpc-cni'],
    names: [
      'eks:*',
      'eks-*',
      'aws-node',
      'vpc-resource-controller*',
      'amazon-vpc-cni*',
      'aws-auth',
      'efs-csi-*',
      'ebs-csi-*',
    ],
  },
  {
    name: 'gke',
    title: 'Google Kubernetes Engine',
    namespaces: ['gke-*', 'gmp-system', 'gmp-public', 'config-management-*', 'gatekeeper-system'],
    names: [
      'gce:*',
      'gke-*',
      'gke:*',
      'ca:*',
      'cloud-provider*',
      'kubelet-api-admin',
      'external-metrics-reader',
      'pdcsi-*',
      'filestorecsi-*',
    ],
  },
  {
    name: 'aks',
    title: 'Azure Kubernetes Service',
    namespaces: ['aks-*', 'app-routing-system', 'calico-system', 'tigera-operator', 'gatekeeper-system'],
    names: [
      'aks-*',
      'azure-*',
      'csi-azure*',
      'cloud-node-manager*',
      'container-health-*',
      'omsagent*',
      'ama-*',
      'calico-*',
      'tigera-*',
    ],
  },
  {
    name: 'kind',
    title: 'kind (Kubernetes in Docker)',
    namespaces: ['local-path-storage'],
    names: ['kindnet', 'local-path-*', 'kubeadm:*'],
  },
  {
    name: 'minikube',
    title: 'minikube',
    namespaces: ['kubernetes-dashboard'],
    names: ['minikube-*', 'storage-provisioner', 'kubeadm:*'],
  },
  {
    name: 'k3s',
    title: 'k3s',
    namespaces: [],
    names: ['k3s-*', 'local-path-*', 'traefik*', 'helm-install-*', 'chart-values-*', 'svclb-*', 'klipper-*'],
  },
  {
    name: 'openshift',
    title: 'Red Hat OpenShift',
    namespaces: ['openshift', 'openshift-*'],
    names: [
      'openshift-*',
      'basic-user',
      'self-provisioner',
      'self-provisioners',
      'cluster-reader',
      'cluster-status',
      'sudoer',
      'registry-*',
      'builder',
      'deployer',
      'pipeline',
    ],
  },
];

export function findProfile(name: string): PlatformProfile | undefined {
  return PROFILES.find((p) => p.name === name.toLowerCase());
}

/** The platform the nodes say they run on, or undefined (plain kubeadm, unknown). */
export function detectProfile(objects: readonly LoadedObject[]): PlatformProfile | undefined {
  for (const loaded of objects) {
    if (loaded.ref.kind !== 'Node') continue;
    const labels = loaded.object.metadata.labels ?? {};
    const has = (prefix: string) => Object.keys(labels).some((k) => k.startsWith(prefix));
    const spec = loaded.object.spec as { providerID?: unknown } | undefined;
    const provider = typeof spec?.providerID === 'string' ? spec.providerID : '';
    if (has('node.openshift.io/') || has('machine.openshift.io/')) return findProfile('openshift');
    if (has('eks.amazonaws.com/')) return findProfile('eks');
    if (has('cloud.google.com/gke-') || provider.startsWith('gce://')) return findProfile('gke');
    if (has('kubernetes.azure.com/') || provider.startsWith('azure://')) return findProfile('aks');
    if (provider.startsWith('kind://')) return findProfile('kind');
    if (has('minikube.k8s.io/')) return findProfile('minikube');
    if (provider.startsWith('k3s://') || labels['node.kubernetes.io/instance-type'] === 'k3s')
      return findProfile('k3s');
    if (provider.startsWith('aws://')) return findProfile('eks');
  }
  return undefined;
}
