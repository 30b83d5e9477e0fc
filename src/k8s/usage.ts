// "Is anything using this?" for hygiene sweeps: every by-name reference of k8s/references.ts, plus the ways
// objects are used that no pod spec shows (docs/hygiene-rules.md lists them all):
//   Secret   service-account token Secrets of an existing ServiceAccount; Helm release records; bootstrap
//            tokens; Gateway API listeners' tls.certificateRefs; Istio Gateway servers' tls.credentialName;
//            an ingress controller's --default-ssl-certificate=<ns>/<name> argument; cert-manager's
//            Certificate.spec.secretName
//   any      objects with ownerReferences (their owner manages them), objects in excluded namespaces,
//            objects the control plane creates (ALWAYS_PRESENT), leader-election ConfigMaps
import type { ObjectIndex } from '../core/index.ts';
import { objectKey } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { isRecord } from './disruption.ts';
import { ALWAYS_PRESENT, type ReferencedKind, referencesTo } from './references.ts';
import { containersOf, WORKLOAD_KINDS } from './workloads.ts';

/** Namespaces whose objects the platform, not the teams, owns. */
export const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

/** Secrets used in ways pod specs do not show, by objectKey('Secret', ns, name). */
function indirectSecretUses(index: ObjectIndex): Map<string, string> {
  return index.memo('hygiene-indirect-secrets', (idx) => {
    const uses = new Map<string, string>();
    const add = (namespace: string | undefined, name: unknown, how: string) => {
      if (typeof name === 'string' && name) uses.set(objectKey('Secret', namespace, name), how);
    };
    for (const gateway of idx.ofKind('Gateway')) {
      const spec = isRecord(gateway.object.spec) ? gateway.object.spec : {};
      const listeners = Array.isArray(spec.listeners) ? spec.listeners : [];
      for (const listener of listeners.filter(isRecord)) {
        const tls = isRecord(listener.tls) ? listener.tls : {};
        for (const ref of (Array.isArray(tls.certificateRefs) ? tls.certificateRefs : []).filter(isRecord)) {
          if (ref.kind === undefined || ref.kind === 'Secret') {
            add(
              typeof ref.namespace === 'string' ? ref.namespace : gateway.ref.namespace,
              ref.name,
              `Gateway ${gateway.ref.namespace}/${gateway.ref.name}`,
            );
          }
        }
        // Istio's own Gateway kind keeps the Secret name in servers[].tls.credentialName.
      }
      const servers = Array.isArray(spec.servers) ? spec.servers : [];
      for (const server of servers.filter(isRecord)) {
        const tls = isRecord(server.tls) ? server.tls : {};
        // The credential lives in the ingress gateway's namespace, which the Gateway does not name: match any.
        if (typeof tls.credentialName === 'string')
          uses.set(`*/${tls.credentialName}`, `Istio Gateway ${gateway.ref.namespace}/${gateway.ref.name}`);
      }
    }
    for (const certificate of idx.ofKind('Certificate')) {
      const spec = isRecord(certificate.object.spec) ? certificate.object.spec : {};
      add(
        certificate.ref.namespace,
        spec.secretName,
        `Certificate ${certificate.ref.namespace}/${certificate.ref.name}`,
      );
    }
    for (const kind of WORKLOAD_KINDS) {
      for (const workload of idx.ofKind(kind)) {
        for (const { container } of containersOf(workload.object)) {
          for (const arg of [
            ...(Array.isArray(container.args) ? container.args : []),
            ...(Array.isArray(container.command) ? container.command : []),
          ]) {
            const match =
              typeof arg === 'string' ? /^--default-ssl-certificate=([^/]+)\/(.+)$/.exec(arg) : null;
            if (match)
              add(
                match[1],
                match[2],
                `ingress controller ${workload.ref.namespace}/${workload.ref.name} default certificate`,
              );
          }
        }
      }
    }
    return uses;
  });
}

/** Why the object counts as used, or undefined when nothing uses it. */
export function usedBecause(
  index: ObjectIndex,
  loaded: LoadedObject,
  kind: ReferencedKind,
): string | undefined {
  const { object, ref } = loaded;
  if (ALWAYS_PRESENT[kind]?.includes(ref.name)) return 'created and used by Kubernetes itself';
  if (object.metadata.ownerReferences?.length)
    return `managed by its owner ${object.metadata.ownerReferences[0]?.kind}`;
  const refs = referencesTo(index, kind, ref.namespace, ref.name);
  if (refs.length > 0) return `referenced by ${refs[0]!.from.ref.kind} ${refs[0]!.from.ref.name}`;
  if (kind === 'Secret') {
    const type = object.type;
    if (type === 'helm.sh/release.v1') return 'a Helm release record';
    if (type === 'bootstrap.kubernetes.io/token') return 'a bootstrap token';
    if (type === 'kubernetes.io/service-account-token') {
      const sa = object.metadata.annotations?.['kubernetes.io/service-account.name'];
      if (sa && index.get('ServiceAccount', ref.namespace, sa)) return `token of ServiceAccount ${sa}`;
    }
    const indirect = indirectSecretUses(index);
    const how = indirect.get(objectKey('Secret', ref.namespace, ref.name)) ?? indirect.get(`*/${ref.name}`);
    if (how) return `used by ${how}`;
  }
  if (kind === 'ConfigMap' && object.metadata.annotations?.['control-plane.alpha.kubernetes.io/leader']) {
    return 'a leader-election lock';
  }
  return undefined;
}
