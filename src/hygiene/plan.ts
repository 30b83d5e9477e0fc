// The clean-up plan: what `shipshape hygiene --plan FILE` writes and `shipshape apply-plan FILE` executes.
// A reviewable YAML document; every item names one object exactly (uid + resourceVersion) with the finding that
// put it there. docs/hygiene-rules.md ("Clean-up plans") describes the format; validatePlan is strict so a
// hand-edited plan that is wrong is refused whole, before anything is read from or sent to the cluster.
import { parse, stringify } from 'yaml';
import { Failure } from '../core/failure.ts';
import type { Finding } from '../core/finding.ts';
import type { ObjectIndex } from '../core/index.ts';
import { DIGEST_PREFIX, itemDigest } from './plan-digest.ts';

export const PLAN_API_VERSION = 'shipshape.dev/v1';
export const PLAN_KIND = 'CleanupPlan';

/** Where each deletable kind lives in the API, and its place in the deletion order (lower first). */
export const DELETABLE: Readonly<
  Record<string, { group: string; version: string; resource: string; namespaced: boolean; order: number }>
> = {
  ClusterRoleBinding: {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    resource: 'clusterrolebindings',
    namespaced: false,
    order: 10,
  },
  RoleBinding: {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    resource: 'rolebindings',
    namespaced: true,
    order: 10,
  },
  ClusterRole: {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    resource: 'clusterroles',
    namespaced: false,
    order: 20,
  },
  Role: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', namespaced: true, order: 20 },
  Ingress: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', namespaced: true, order: 30 },
  Service: { group: '', version: 'v1', resource: 'services', namespaced: true, order: 40 },
  HorizontalPodAutoscaler: {
    group: 'autoscaling',
    version: 'v2',
    resource: 'horizontalpodautoscalers',
    namespaced: true,
    order: 50,
  },
  PodDisruptionBudget: {
    group: 'policy',
    version: 'v1',
    resource: 'poddisruptionbudgets',
    namespaced: true,
    order: 50,
  },
  NetworkPolicy: {
    group: 'networking.k8s.io',
    version: 'v1',
    resource: 'networkpolicies',
    namespaced: true,
    order: 50,
  },
  Pod: { group: '', version: 'v1', resource: 'pods', namespaced: true, order: 60 },
  Job: { group: 'batch', version: 'v1', resource: 'jobs', namespaced: true, order: 70 },
  ReplicaSet: { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true, order: 70 },
  ConfigMap: { group: '', version: 'v1', resource: 'configmaps', namespaced: true, order: 80 },
  Secret: { group: '', version: 'v1', resource: 'secrets', namespaced: true, order: 80 },
  ServiceAccount: { group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true, order: 90 },
  PersistentVolumeClaim: {
    group: '',
    version: 'v1',
    resource: 'persistentvolumeclaims',
    namespaced: true,
    order: 100,
  },
  PersistentVolume: {
    group: '',
    version: 'v1',
    resource: 'persistentvolumes',
    namespaced: false,
    order: 110,
  },
};

/** Findings that mean "this object can go". Others (stuck pods, bare running pods, backups…) are not clean-up. */
export const PLANNED_CHECKS = new Set([
  'configmap-unused',
  'secret-unused',
  'serviceaccount-unused',
  'pvc-unused',
  'pv-released',
  'service-unused',
  'ingress-unused',
  'role-unused',
  'rolebinding-unused',
  'job-finished-left',
  'pod-finished-left',
  'replicaset-orphaned',
  'hpa-target-not-found',
  'pdb-selects-nothing',
  'networkpolicy-selects-no-pods',
]);

export interface PlanItem {
  kind: string;
  apiVersion: string;
  namespace?: string;
  name: string;
  uid: string;
  resourceVersion: string;
  /** The check that found it, and its message: why it is in the plan. */
  check: string;
  why: string;
  evidence?: string[];
  /** sha256 of the item bound to this plan (plan-digest.ts): an item edited or added by hand no longer matches. */
  digest?: string;
}

export interface CleanupPlan {
  apiVersion: typeof PLAN_API_VERSION;
  kind: typeof PLAN_KIND;
  metadata: { createdAt: string; context: string; server: string; source: string };
  items: PlanItem[];
}

/** Plan items for the findings that are clean-up, one per object (the first finding wins), deletion order. */
export function buildPlan(
  findings: readonly Finding[],
  index: ObjectIndex,
  meta: CleanupPlan['metadata'],
): { plan: CleanupPlan; skipped: string[] } {
  const items = new Map<string, PlanItem>();
  const skipped: string[] = [];
  for (const f of findings) {
    if (f.suppressed || !PLANNED_CHECKS.has(f.check) || !DELETABLE[f.object.kind]) continue;
    const loaded = index.get(f.object.kind, f.object.namespace, f.object.name);
    const key = `${f.object.kind}/${f.object.namespace ?? ''}/${f.object.name}`;
    if (items.has(key)) continue;
    const uid = loaded?.object.metadata.uid;
    const resourceVersion = loaded?.object.metadata.resourceVersion;
    if (
      !loaded ||
      typeof uid !== 'string' ||
      typeof resourceVersion !== 'string' ||
      !uid ||
      !resourceVersion
    ) {
      skipped.push(`${key}: no uid/resourceVersion in the source, so it cannot be deleted safely`);
      continue;
    }
    const item: PlanItem = {
      kind: f.object.kind,
      apiVersion: loaded.object.apiVersion,
      ...(f.object.namespace ? { namespace: f.object.namespace } : {}),
      name: f.object.name,
      uid,
      resourceVersion,
      check: f.check,
      why: f.message,
    };
    if (f.evidence?.length) item.evidence = [...f.evidence];
    items.set(key, item);
  }
  return {
    plan: {
      apiVersion: PLAN_API_VERSION,
      kind: PLAN_KIND,
      metadata: meta,
      items: sortForDeletion([...items.values()]).map((item) => ({
        ...item,
        digest: itemDigest(meta, item),
      })),
    },
    skipped,
  };
}

export function sortForDeletion<T extends { kind: string; namespace?: string; name: string }>(
  items: T[],
): T[] {
  return [...items].sort(
    (a, b) =>
      (DELETABLE[a.kind]?.order ?? 999) - (DELETABLE[b.kind]?.order ?? 999) ||
      a.kind.localeCompare(b.kind) ||
      (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
      a.name.localeCompare(b.name),
  );
}

export function renderPlan(plan: CleanupPlan): string {
  const header = [
    '# shipshape clean-up plan. Review it: delete the items you want to keep (nothing else may be edited: each item',
    '# carries a digest, and an item edited or added by hand makes apply-plan refuse the plan), then',
    '#   shipshape apply-plan <this file>',
    '# apply-plan backs up every object first, shows the server dry-run, asks before deleting, and refuses to run',
    '# against another cluster or on objects that changed since this plan was made.',
  ].join('\n');
  return `${header}\n${stringify(plan, { lineWidth: 0 })}`;
}

export class PlanError extends Failure {
  override name = 'PlanError';
}

const NAME = /^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/i;

/** Parses and strictly validates a plan; throws PlanError listing every problem. */
export function parsePlan(text: string): CleanupPlan {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new PlanError(`the plan is not valid YAML: ${(error as Error).message}`);
  }
  const problems: string[] = [];
  const rec = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!rec(doc)) throw new PlanError('the plan is not a YAML mapping');
  if (doc.apiVersion !== PLAN_API_VERSION) problems.push(`apiVersion must be "${PLAN_API_VERSION}"`);
  if (doc.kind !== PLAN_KIND) problems.push(`kind must be "${PLAN_KIND}"`);
  const meta = rec(doc.metadata) ? doc.metadata : undefined;
  if (!meta) problems.push('metadata is missing');
  else {
    for (const field of ['createdAt', 'context', 'server', 'source'])
      if (typeof meta[field] !== 'string') problems.push(`metadata.${field} must be a string`);
    if (typeof meta.server === 'string' && !meta.server && typeof meta.context === 'string' && !meta.context)
      problems.push('metadata names no cluster (context and server are empty)');
  }
  for (const key of Object.keys(doc))
    if (!['apiVersion', 'kind', 'metadata', 'items'].includes(key))
      problems.push(`unknown top-level field "${key}"`);
  if (!Array.isArray(doc.items)) problems.push('items must be a list');
  const seen = new Set<string>();
  const items = Array.isArray(doc.items) ? doc.items : [];
  items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (!rec(item)) {
      problems.push(`${at} is not a mapping`);
      return;
    }
    for (const field of ['kind', 'apiVersion', 'name', 'uid', 'resourceVersion', 'check', 'why'])
      if (typeof item[field] !== 'string' || item[field] === '')
        problems.push(`${at}.${field} must be a non-empty string`);
    for (const key of Object.keys(item))
      if (
        ![
          'kind',
          'apiVersion',
          'namespace',
          'name',
          'uid',
          'resourceVersion',
          'check',
          'why',
          'evidence',
          'digest',
        ].includes(key)
      )
        problems.push(`${at}: unknown field "${key}"`);
    const kind = typeof item.kind === 'string' ? item.kind : '';
    const type = DELETABLE[kind];
    if (kind && !type) problems.push(`${at}: kind "${kind}" is not one a clean-up plan may delete`);
    if (type) {
      const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
      if (
        typeof item.apiVersion === 'string' &&
        item.apiVersion.split('/')[0] !== apiVersion.split('/')[0] &&
        type.group
      )
        problems.push(`${at}: apiVersion "${item.apiVersion}" is not in ${kind}'s group "${type.group}"`);
      if (!type.group && item.apiVersion !== 'v1') problems.push(`${at}: apiVersion of ${kind} must be "v1"`);
      if (type.namespaced && (typeof item.namespace !== 'string' || !NAME.test(item.namespace)))
        problems.push(`${at}: ${kind} is namespaced, so namespace is required`);
      if (!type.namespaced && item.namespace !== undefined)
        problems.push(`${at}: ${kind} is cluster-scoped: remove namespace`);
    }
    if (typeof item.name === 'string' && item.name && !NAME.test(item.name))
      problems.push(`${at}: "${item.name}" is not an object name`);
    if (typeof item.check === 'string' && item.check && !PLANNED_CHECKS.has(item.check))
      problems.push(`${at}: check "${item.check}" does not produce clean-up items`);
    if (
      item.digest !== undefined &&
      (typeof item.digest !== 'string' || !item.digest.startsWith(DIGEST_PREFIX))
    )
      problems.push(`${at}.digest must be "${DIGEST_PREFIX}<hex>"`);
    if (
      item.evidence !== undefined &&
      !(Array.isArray(item.evidence) && item.evidence.every((e) => typeof e === 'string'))
    )
      problems.push(`${at}.evidence must be a list of strings`);
    const key = `${kind}/${String(item.namespace ?? '')}/${String(item.name)}`;
    if (seen.has(key)) problems.push(`${at}: ${key} is listed twice`);
    seen.add(key);
  });
  if (problems.length > 0)
    throw new PlanError(`the plan is invalid, nothing was done:\n  - ${problems.join('\n  - ')}`);
  return doc as unknown as CleanupPlan;
}
