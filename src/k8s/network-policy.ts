// NetworkPolicy semantics: which pods a policy selects and which directions it isolates.
// https://kubernetes.io/docs/concepts/services-networking/network-policies/
import type { ObjectIndex } from '../core/index.ts';
import type { KubeObject, LoadedObject } from '../core/object.ts';
import type { Path } from '../core/path.ts';
import { asLabelSelector, isRecord, type SelectedWorkload, workloadsMatching } from './disruption.ts';
import type { LabelSelector } from './labels.ts';

export type Direction = 'Ingress' | 'Egress';

/**
 * The directions a policy isolates. With spec.policyTypes unset, Kubernetes uses Ingress always, plus Egress
 * when the policy has egress rules. A listed type isolates that direction even with no rules (deny all).
 */
export function policyTypesOf(policy: KubeObject): Set<Direction> {
  const spec = isRecord(policy.spec) ? policy.spec : {};
  const out = new Set<Direction>();
  if (Array.isArray(spec.policyTypes)) {
    for (const t of spec.policyTypes) {
      if (t === 'Ingress' || t === 'Egress') out.add(t);
    }
    return out;
  }
  out.add('Ingress');
  if (Array.isArray(spec.egress) && spec.egress.length > 0) out.add('Egress');
  return out;
}

/** spec.podSelector; a missing selector is treated as the empty one (it is required and selects all pods). */
export function policyPodSelector(policy: KubeObject): LabelSelector | undefined {
  const spec = isRecord(policy.spec) ? policy.spec : undefined;
  if (!spec) return undefined;
  if (spec.podSelector === undefined || spec.podSelector === null) return {};
  return asLabelSelector(spec.podSelector);
}

interface PolicyIndex {
  byWorkload: Map<LoadedObject, LoadedObject[]>;
  byPolicy: Map<LoadedObject, SelectedWorkload[]>;
}

/** Which NetworkPolicies select which workloads' pods (same namespace), built once per run. */
export function networkPolicyIndex(index: ObjectIndex): PolicyIndex {
  return index.memo('network-policy-index', (idx) => {
    const byWorkload = new Map<LoadedObject, LoadedObject[]>();
    const byPolicy = new Map<LoadedObject, SelectedWorkload[]>();
    for (const policy of idx.ofKind('NetworkPolicy')) {
      const selector = policyPodSelector(policy.object);
      const selected = selector ? workloadsMatching(idx, policy, selector) : [];
      byPolicy.set(policy, selected);
      for (const entry of selected) {
        const list = byWorkload.get(entry.owner);
        if (list) list.push(policy);
        else byWorkload.set(entry.owner, [policy]);
      }
    }
    return { byWorkload, byPolicy };
  });
}

export interface PolicyPeer {
  direction: Direction;
  podSelector?: LabelSelector;
  hasNamespaceSelector: boolean;
  path: Path;
}

/** Every peer of spec.ingress[].from and spec.egress[].to, with its path. */
export function policyPeers(policy: KubeObject): PolicyPeer[] {
  const spec = isRecord(policy.spec) ? policy.spec : undefined;
  if (!spec) return [];
  const out: PolicyPeer[] = [];
  const walk = (rules: unknown, rulesKey: string, peersKey: string, direction: Direction) => {
    if (!Array.isArray(rules)) return;
    rules.forEach((rule, r) => {
      if (!isRecord(rule) || !Array.isArray(rule[peersKey])) return;
      (rule[peersKey] as unknown[]).forEach((peer, p) => {
        if (!isRecord(peer)) return;
        const entry: PolicyPeer = {
          direction,
          hasNamespaceSelector: peer.namespaceSelector !== undefined && peer.namespaceSelector !== null,
          path: ['spec', rulesKey, r, peersKey, p],
        };
        const selector = asLabelSelector(peer.podSelector);
        if (selector) entry.podSelector = selector;
        out.push(entry);
      });
    });
  };
  walk(spec.ingress, 'ingress', 'from', 'Ingress');
  walk(spec.egress, 'egress', 'to', 'Egress');
  return out;
}
