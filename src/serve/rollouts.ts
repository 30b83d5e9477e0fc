// The revisions a scan sees, for the delivery KPIs (docs/kpis.md, decision 0059): ReplicaSets of Deployments
// (deployment.kubernetes.io/revision, pod-template-hash, and revision-history when a rollback re-used the
// ReplicaSet), ControllerRevisions of StatefulSets and DaemonSets (.revision, controller.kubernetes.io/hash), and
// Helm releases from their release Secrets' labels only (name, version, status, createdAt): the payload, a
// release's whole manifest and values, is never decoded.
import type { LoadedObject } from '../core/object.ts';
import type { RolloutFact } from '../store/lifecycle.ts';

const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const HELM_RELEASE = 'helm.sh/release.v1';

interface Meta {
  name?: string;
  namespace?: string;
  creationTimestamp?: string;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
  ownerReferences?: { kind?: string; name?: string; controller?: boolean }[];
}

export function rolloutFacts(objects: readonly LoadedObject[]): RolloutFact[] {
  const out: RolloutFact[] = [];
  for (const { object } of objects) {
    const meta = (object.metadata ?? {}) as Meta;
    const namespace = meta.namespace ?? '';
    const createdAt = timestamp(meta.creationTimestamp);
    if (object.kind === 'ReplicaSet') {
      const owner = controller(meta, ['Deployment'])?.name;
      const revision = revisionNumber(meta.annotations?.[REVISION]);
      if (!owner || revision === undefined) continue;
      const history = String(meta.annotations?.[REVISION_HISTORY] ?? '')
        .split(',')
        .map(revisionNumber)
        .filter((r): r is number => r !== undefined && r < revision);
      out.push({
        kind: 'Deployment',
        namespace,
        name: owner,
        revision,
        template: text(meta.labels?.['pod-template-hash']),
        createdAt,
        earlierRevisions: history,
        status: null,
      });
    } else if (object.kind === 'ControllerRevision') {
      const owner = controller(meta, ['StatefulSet', 'DaemonSet']);
      const revision = revisionNumber((object as { revision?: unknown }).revision);
      if (!owner?.name || revision === undefined) continue;
      out.push({
        kind: owner.kind as 'StatefulSet' | 'DaemonSet',
        namespace,
        name: owner.name,
        revision,
        template: text(meta.labels?.['controller.kubernetes.io/hash']) ?? text(meta.name),
        createdAt,
        earlierRevisions: [],
        status: null,
      });
    } else if (object.kind === 'Secret' && (object as { type?: unknown }).type === HELM_RELEASE) {
      const labels = meta.labels ?? {};
      const name = text(labels.name);
      const revision = revisionNumber(labels.version);
      if (labels.owner !== 'helm' || !name || revision === undefined) continue;
      const created =
        typeof labels.createdAt === 'string' && /^\d{1,12}$/.test(labels.createdAt)
          ? Number(labels.createdAt)
          : undefined;
      out.push({
        kind: 'HelmRelease',
        namespace,
        name,
        revision,
        template: null,
        createdAt: created !== undefined ? created * 1000 : createdAt,
        earlierRevisions: [],
        status: text(labels.status),
      });
    }
  }
  return out;
}

/** The controlling owner, if it is one of these kinds. */
function controller(meta: Meta, kinds: readonly string[]): { kind?: string; name?: string } | undefined {
  return meta.ownerReferences?.find((o) => o.controller === true && kinds.includes(o.kind ?? ''));
}

function revisionNumber(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,9}$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function timestamp(value: unknown): number | null {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ms : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
