// Objects every cluster (or a well-known operator) has, which manifests reference without defining them.
// https://kubernetes.io/docs/concepts/services-networking/service/#services-in-kubernetes (default/kubernetes)
// https://kubernetes.io/docs/tasks/administer-cluster/dns-custom-nameservers/ (kube-system/kube-dns)
import type { ObjectIndex } from '../core/index.ts';
import { isRecord } from './disruption.ts';
import { podCreatorOf, podCreators } from './pod-creators.ts';
import { containersOf } from './workloads.ts';

export interface KnownService {
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  /** Who makes it, for messages. */
  from: string;
}

/** Services of every cluster, with the labels the API server and kubeadm's CoreDNS give them. */
export const CLUSTER_SERVICES: readonly KnownService[] = [
  {
    namespace: 'default',
    name: 'kubernetes',
    labels: { component: 'apiserver', provider: 'kubernetes' },
    from: 'the API server',
  },
  {
    namespace: 'kube-system',
    name: 'kube-dns',
    labels: {
      'k8s-app': 'kube-dns',
      'kubernetes.io/cluster-service': 'true',
      'kubernetes.io/name': 'CoreDNS',
    },
    from: 'the cluster DNS add-on',
  },
];

/**
 * Services that operators in the input will create: the governing Services of prometheus-operator's custom
 * resources (pod-creators.ts), and the kubelet Service its `--kubelet-service=<namespace>/<name>` flag asks for
 * (https://github.com/prometheus-operator/prometheus-operator/blob/main/pkg/kubelet/controller.go).
 */
export function operatorServices(index: ObjectIndex): KnownService[] {
  return index.memo('operator-services', (idx) => {
    const out: KnownService[] = [];
    const kinds = new Set(
      [...podCreators(idx).values()].filter((row) => row.services).map((row) => row.kind),
    );
    for (const kind of kinds) {
      for (const loaded of idx.ofKind(kind)) {
        const creator = podCreatorOf(idx, loaded.object);
        for (const service of creator?.services ?? []) {
          out.push({
            namespace: loaded.ref.namespace ?? '',
            name: service.name.replaceAll('{name}', loaded.ref.name),
            labels: service.labels,
            from: `the operator of ${loaded.ref.kind} "${loaded.ref.name}"`,
          });
        }
      }
    }
    for (const deployment of idx.ofKind('Deployment')) {
      for (const { container } of containersOf(deployment.object, ['containers'])) {
        const args = Array.isArray(container.args) ? container.args : [];
        for (const arg of args) {
          const flag = typeof arg === 'string' ? /^--kubelet-service=([^/\s]+)\/([^/\s]+)$/.exec(arg) : null;
          if (!flag) continue;
          out.push({
            namespace: flag[1]!,
            name: flag[2]!,
            labels: {
              'k8s-app': 'kubelet',
              'app.kubernetes.io/name': 'kubelet',
              'app.kubernetes.io/managed-by': 'prometheus-operator',
            },
            from: `prometheus-operator (Deployment "${deployment.ref.name}", ${arg})`,
          });
        }
      }
    }
    return out;
  });
}

export function labelsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(value))
    for (const [k, v] of Object.entries(value)) if (v !== null && typeof v !== 'object') out[k] = String(v);
  return out;
}
