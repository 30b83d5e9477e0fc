// Labels that Kubernetes' own controllers add to the pods they create, beyond the pod template's: a selector may
// name them (a Service per StatefulSet member, a Job's pods by job-name) and still select the workload's pods.
// https://kubernetes.io/docs/reference/labels-annotations-taints/
import type { KubeObject } from '../core/object.ts';
import type { LabelSelector } from './labels.ts';

type ValueRule = 'any' | 'index' | ((value: string, owner: KubeObject) => boolean);

const isIndex = (value: string) => /^(0|[1-9]\d{0,8})$/.test(value);

/** `name-N` with N below spec.replicas (any N when replicas is not a number the input states). */
function statefulSetMember(value: string, owner: KubeObject): boolean {
  const name = owner.metadata?.name ?? '';
  if (!value.startsWith(`${name}-`)) return false;
  const ordinal = value.slice(name.length + 1);
  if (!isIndex(ordinal)) return false;
  const replicas = (owner.spec as { replicas?: unknown } | undefined)?.replicas;
  return typeof replicas !== 'number' || Number(ordinal) < replicas;
}

const jobName = (value: string, owner: KubeObject) => owner.kind !== 'Job' || value === owner.metadata?.name;

const ADDED: Readonly<Record<string, Readonly<Record<string, ValueRule>>>> = {
  StatefulSet: {
    'statefulset.kubernetes.io/pod-name': statefulSetMember,
    'apps.kubernetes.io/pod-index': 'index',
    'controller-revision-hash': 'any',
  },
  Deployment: { 'pod-template-hash': 'any' },
  DaemonSet: { 'controller-revision-hash': 'any', 'pod-template-generation': 'any' },
  Job: {
    'job-name': jobName,
    'batch.kubernetes.io/job-name': jobName,
    'controller-uid': 'any',
    'batch.kubernetes.io/controller-uid': 'any',
    'batch.kubernetes.io/job-completion-index': 'index',
  },
  CronJob: {
    'job-name': 'any',
    'batch.kubernetes.io/job-name': 'any',
    'controller-uid': 'any',
    'batch.kubernetes.io/controller-uid': 'any',
    'batch.kubernetes.io/job-completion-index': 'index',
  },
};

const ADDED_KEYS = new Set(Object.values(ADDED).flatMap((rules) => Object.keys(rules)));

/**
 * The selector split into what the pod template must carry and the controller-added labels it names; undefined
 * when it names none of them.
 */
export function splitControllerLabels(
  selector: LabelSelector,
): { template: LabelSelector; added: [string, string | undefined][] } | undefined {
  const added: [string, string | undefined][] = [];
  const matchLabels: Record<string, string> = {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (ADDED_KEYS.has(key)) added.push([key, String(value)]);
    else matchLabels[key] = String(value);
  }
  const expressions = (selector.matchExpressions ?? []).filter((req) => {
    if (!req || typeof req.key !== 'string' || !ADDED_KEYS.has(req.key)) return true;
    added.push([req.key, undefined]);
    return false;
  });
  if (added.length === 0) return undefined;
  return { template: { matchLabels, matchExpressions: expressions }, added };
}

/** Whether the owner's controller gives its pods each label (with that value, where the value is known). */
export function controllerAdds(owner: KubeObject, added: readonly [string, string | undefined][]): boolean {
  const rules = ADDED[owner.kind];
  if (!rules) return false;
  return added.every(([key, value]) => {
    const rule = rules[key];
    if (!rule) return false;
    if (value === undefined || rule === 'any') return true;
    if (rule === 'index') return isIndex(value);
    return rule(value, owner);
  });
}
