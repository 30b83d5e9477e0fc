// Why the API server refuses to create a workload's pods (the controller's FailedCreate event or ReplicaFailure
// condition), read into its parts — the quota and resources, the PodSecurity controls, the webhook — and the fix
// for that reason. Messages are the API server's (v1.34):
//   exceeded quota: compute, requested: requests.cpu=400m, used: requests.cpu=800m, limited: requests.cpu=1
//   failed quota: compute: must specify limits.cpu for: app; requests.memory for: app,sidecar
//   violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set …), …
//   admission webhook "policy.example.com" denied the request: images must come from registry.example.com
//   maximum cpu usage per Container is 1, but limit is 2
//   error looking up service account shop/deployer: serviceaccount "deployer" not found
// https://kubernetes.io/docs/concepts/policy/resource-quotas/
// https://kubernetes.io/docs/concepts/security/pod-security-admission/
import type { UpstreamRef } from '../core/check.ts';
import { closestNames } from '../core/edit-distance.ts';
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { eventsFor } from '../k8s/events.ts';
import { controllerRef, topOwner } from '../k8s/owners.ts';
import { parseQuantity } from '../k8s/quantity.ts';

export interface QuotaAmount {
  resource: string;
  requested: string;
  used: string;
  limited: string;
}

export type Refusal =
  | { kind: 'quota-exceeded'; quota: string; amounts: QuotaAmount[] }
  | { kind: 'quota-missing'; quota: string; fields: { resource: string; containers: string[] }[] }
  | { kind: 'pod-security'; profile: string; violations: { control: string; detail: string }[] }
  | { kind: 'webhook'; webhook: string; message: string }
  | { kind: 'webhook-unreachable'; webhook: string; error: string }
  | { kind: 'limit-range'; text: string }
  | { kind: 'service-account'; name: string }
  | { kind: 'other'; text: string };

/** The part of a FailedCreate message after the pod name: "exceeded quota: …". */
function reasonPart(message: string): string {
  const forbidden = / is forbidden: (.*)$/s.exec(message);
  return (forbidden?.[1] ?? message.replace(/^Error creating: /, '')).trim();
}

function pairs(list: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of list.split(',')) {
    const eq = item.indexOf('=');
    if (eq > 0) out.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
  }
  return out;
}

export function parseRefusal(message: string): Refusal {
  const text = reasonPart(message);
  const exceeded = /^exceeded quota: ([^,]+), requested: (\S+), used: (\S+), limited: (\S+)/.exec(text);
  if (exceeded) {
    const requested = pairs(exceeded[2]!);
    const used = pairs(exceeded[3]!);
    const limited = pairs(exceeded[4]!);
    return {
      kind: 'quota-exceeded',
      quota: exceeded[1]!.trim(),
      amounts: [...requested].map(([resource, value]) => ({
        resource,
        requested: value,
        used: used.get(resource) ?? '0',
        limited: limited.get(resource) ?? '?',
      })),
    };
  }
  const missing = /^failed quota: ([^:]+): must specify (.+)$/.exec(text);
  if (missing)
    return {
      kind: 'quota-missing',
      quota: missing[1]!.trim(),
      fields: missing[2]!.split(/;\s*/).flatMap((part) => {
        const m = /^(\S+) for: (.+)$/.exec(part.trim());
        return m ? [{ resource: m[1]!, containers: m[2]!.split(',').map((c) => c.trim()) }] : [];
      }),
    };
  const pss = /^violates PodSecurity "([^"]+)": /.exec(text);
  if (pss)
    return { kind: 'pod-security', profile: pss[1]!, violations: violationsOf(text.slice(pss[0].length)) };
  const unreachable = afterQuoted(text, 'failed calling webhook "', '": ');
  if (unreachable)
    return { kind: 'webhook-unreachable', webhook: unreachable.name, error: unreachable.rest.trim() };
  const denied = afterQuoted(text, 'admission webhook "', '" denied the request');
  if (denied) return { kind: 'webhook', webhook: denied.name, message: denied.rest.replace(/^:/, '').trim() };
  if (
    /^(maximum|minimum) \S+ usage per (Container|Pod) is|must be less than or equal to|ratio to request/.test(
      text,
    )
  )
    return { kind: 'limit-range', text };
  const sa = text.startsWith('error looking up service account ')
    ? afterQuoted(text, 'serviceaccount "', '" not found')
    : undefined;
  if (sa) return { kind: 'service-account', name: sa.name };
  return { kind: 'other', text };
}

/** `…<open>NAME<close>REST`: the quoted name and what follows, found by position (no backtracking). */
function afterQuoted(text: string, open: string, close: string): { name: string; rest: string } | undefined {
  const start = text.indexOf(open);
  if (start < 0) return undefined;
  const from = start + open.length;
  const end = text.indexOf('"', from);
  if (end < 0 || !text.startsWith(close, end)) return undefined;
  return { name: text.slice(from, end), rest: text.slice(end + close.length) };
}

/**
 * "allowPrivilegeEscalation != false (container "app" must set …), unrestricted capabilities (…)": each control
 * and the text in its parentheses (which may hold parentheses of its own), split at commas outside them.
 */
function violationsOf(list: string): { control: string; detail: string }[] {
  const out: { control: string; detail: string }[] = [];
  let depth = 0;
  let control = '';
  let detail = '';
  const flush = () => {
    if (control.trim()) out.push({ control: control.trim(), detail: detail.trim() });
    control = '';
    detail = '';
  };
  for (const ch of list) {
    if (ch === '(') {
      if (depth > 0) detail += ch;
      depth++;
    } else if (ch === ')' && depth > 0) {
      depth--;
      if (depth > 0) detail += ch;
    } else if (ch === ',' && depth === 0) flush();
    else if (depth > 0) detail += ch;
    else control += ch;
  }
  flush();
  return out;
}

export interface FoundRefusal {
  refusal: Refusal;
  /** The message as the controller reported it. */
  message: string;
}

/**
 * The latest refusal to create the workload's pods: its ReplicaFailure condition (Deployments, ReplicaSets), else
 * the newest FailedCreate Warning event on it or on the ReplicaSets it owns.
 */
export function refusalOf(index: ObjectIndex, workload: LoadedObject): FoundRefusal | undefined {
  const conditions = (workload.object.status as { conditions?: unknown } | undefined)?.conditions;
  const failure = Array.isArray(conditions)
    ? (conditions as { type?: string; status?: string; message?: string }[]).find(
        (c) => c?.type === 'ReplicaFailure' && c.status === 'True' && typeof c.message === 'string',
      )
    : undefined;
  if (failure?.message) return { refusal: parseRefusal(failure.message), message: failure.message };
  const sources = [workload, ...ownedReplicaSets(index, workload)];
  const events = sources
    .flatMap((s) => eventsFor(index, s.ref))
    .filter((e) => e.type === 'Warning' && e.reason === 'FailedCreate')
    .sort((a, b) => (b.last?.getTime() ?? 0) - (a.last?.getTime() ?? 0));
  const event = events[0];
  if (!event) return undefined;
  const message = event.message.replace(/^\(combined from similar events\): /, '');
  return { refusal: parseRefusal(message), message };
}

/** ReplicaSets by their controlling Deployment ("namespace/name"), built once per run. */
function ownedReplicaSets(index: ObjectIndex, workload: LoadedObject): readonly LoadedObject[] {
  if (workload.ref.kind !== 'Deployment') return [];
  const byOwner = index.memo('replicasets-by-deployment', (idx) => {
    const map = new Map<string, LoadedObject[]>();
    for (const rs of idx.ofKind('ReplicaSet')) {
      const owner = controllerRef(rs);
      if (owner?.kind !== 'Deployment') continue;
      const key = `${rs.ref.namespace ?? ''}/${owner.name}`;
      const list = map.get(key);
      if (list) list.push(rs);
      else map.set(key, [rs]);
    }
    return map;
  });
  return byOwner.get(`${workload.ref.namespace ?? ''}/${workload.ref.name}`) ?? [];
}

export interface RefusalDiagnosis {
  /** "ResourceQuota compute requires limits.cpu, limits.memory …" — follows "cannot create pods: ". */
  why: string;
  remedy: string;
  /** Groups workloads refused for the same reason. */
  key: string;
  /** Objects whose findings are the root (the exhausted quota, the webhook whose backend is down). */
  upstream?: UpstreamRef[];
}

const and = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** "requests.cpu" → "resources.requests.cpu"; quota names count and storage resources too. */
function fieldOf(resource: string): string {
  return /^(requests|limits)\./.test(resource) ? `resources.${resource}` : resource;
}

/** What the namespace's LimitRanges default already, so the LimitRange alternative names only what is missing. */
function limitRangeAlternative(index: ObjectIndex, namespace: string, resources: string[]): string {
  const ranges = index.ofKind('LimitRange').filter((r) => r.ref.namespace === namespace);
  const wanted = resources.filter((r) => /^(requests|limits)\./.test(r));
  if (wanted.length === 0) return '';
  const defaults = wanted.map((r) => {
    const [section, name] = r.split('.') as [string, string];
    return `${section === 'limits' ? 'default' : 'defaultRequest'}.${name}`;
  });
  const existing = ranges.map((r) => r.ref.name);
  return existing.length > 0
    ? `, or add ${and(defaults)} to a Container entry of LimitRange ${existing[0]} in namespace ${namespace} so pods that set none get them`
    : `, or create a LimitRange in namespace ${namespace} with a Container entry setting ${and(defaults)} so pods that set none get them`;
}

/** The fix for the refusal of one workload's pods, with the names and numbers that decide it. */
export function diagnoseRefusal(
  index: ObjectIndex,
  workload: LoadedObject,
  refusal: Refusal,
): RefusalDiagnosis {
  const ns = workload.ref.namespace ?? '';
  // The template to fix is the top owner's: a Deployment's, not its ReplicaSet's.
  const owner = topOwner(index, workload);
  const name = `${owner.kind} ${owner.name}`;
  switch (refusal.kind) {
    case 'quota-exceeded': {
      const parts = refusal.amounts.map(
        (a) => `${a.resource} ${a.requested} more requested, ${a.used} of ${a.limited} used`,
      );
      return {
        key: `quota-exceeded/${ns}/${refusal.quota}`,
        why: `ResourceQuota ${refusal.quota} is exhausted (${parts.join('; ')})`,
        remedy: quotaExceededRemedy(ns, refusal.quota, refusal.amounts, [name]),
        upstream: [
          { kind: 'ResourceQuota', namespace: ns, name: refusal.quota, checks: ['resourcequota-exhausted'] },
        ],
      };
    }
    case 'quota-missing': {
      const byContainer = new Map<string, string[]>();
      for (const f of refusal.fields)
        for (const c of f.containers)
          byContainer.set(c, [...(byContainer.get(c) ?? []), fieldOf(f.resource)]);
      const edits = [...byContainer].map(([c, fields]) => `${and(fields)} to container ${c}`);
      return {
        key: `quota-missing/${ns}/${refusal.quota}/${workload.ref.name}`,
        why: `ResourceQuota ${refusal.quota} requires ${and(refusal.fields.map((f) => f.resource))}, which its pod template does not set`,
        remedy:
          `Add ${and(edits)} in the pod template of ${name}` +
          `${limitRangeAlternative(
            index,
            ns,
            refusal.fields.map((f) => f.resource),
          )}.`,
      };
    }
    case 'pod-security': {
      const level = refusal.profile.split(':')[0] ?? refusal.profile;
      const fixes = refusal.violations.map((v) => `${v.control}: ${v.detail}`);
      return {
        key: `pod-security/${ns}/${workload.ref.name}`,
        why: `the namespace enforces Pod Security "${refusal.profile}" and the pod template violates ${and(refusal.violations.map((v) => v.control))}`,
        remedy:
          `Change the pod template of ${name} to meet the ${level} profile: ${fixes.join('; ')}. ` +
          `(Namespace ${ns} enforces it through its pod-security.kubernetes.io/enforce label.)`,
      };
    }
    case 'webhook': {
      const config = webhookConfiguration(index, refusal.webhook);
      return {
        key: `webhook-denied/${refusal.webhook}/${ns}/${workload.ref.name}`,
        why: `admission webhook ${refusal.webhook} denies them: ${refusal.message}`,
        remedy:
          `Change the pod template of ${name} to satisfy the policy of webhook ${refusal.webhook}` +
          `${config ? ` (${config.ref.kind} ${config.ref.name})` : ''}: ${refusal.message}`,
      };
    }
    case 'webhook-unreachable': {
      const config = webhookConfiguration(index, refusal.webhook);
      return {
        key: `webhook-unreachable/${refusal.webhook}`,
        why: `admission webhook ${refusal.webhook} cannot be reached: ${refusal.error}`,
        remedy:
          `Bring back the backend of webhook ${refusal.webhook}${config ? ` (${config.ref.kind} ${config.ref.name})` : ''}: ` +
          `its Service needs ready endpoints. Until then every pod it intercepts is refused (failurePolicy Fail).`,
        ...(config ? { upstream: [{ kind: config.ref.kind, name: config.ref.name }] } : {}),
      };
    }
    case 'limit-range': {
      const ranges = index
        .ofKind('LimitRange')
        .filter((r) => r.ref.namespace === ns)
        .map((r) => r.ref.name);
      return {
        key: `limit-range/${ns}/${workload.ref.name}`,
        why: `a LimitRange rejects them: ${refusal.text}`,
        remedy: `Bring the resources of ${name}'s containers within LimitRange ${ranges.length > 0 ? and(ranges) : 'in the namespace'} (${refusal.text}), or change the LimitRange if the workload needs more.`,
      };
    }
    case 'service-account': {
      const near = closestNames(
        refusal.name,
        index
          .ofKind('ServiceAccount')
          .filter((s) => s.ref.namespace === ns)
          .map((s) => s.ref.name),
        1,
      )[0];
      return {
        key: `service-account-missing/${ns}/${refusal.name}`,
        why: `ServiceAccount ${refusal.name} does not exist`,
        remedy: `${near ? `Did you mean ServiceAccount ${near}? ` : ''}Create ServiceAccount ${refusal.name} in namespace ${ns}, or set serviceAccountName in the pod template of ${name} to one that exists.`,
      };
    }
    default:
      return {
        key: `replica-failure/${ns}/${workload.ref.name}`,
        why: refusal.text,
        remedy: `Fix what the API server reports for ${name}'s pods: ${refusal.text}`,
      };
  }
}

/** The three ways out of an exhausted quota, each with the number that makes it work. */
export function quotaExceededRemedy(
  namespace: string,
  quota: string,
  amounts: readonly QuotaAmount[],
  workloads: readonly string[],
): string {
  const raise = amounts.map((a) => {
    const needed = sum(a.used, a.requested, a.resource);
    return `${a.resource} to at least ${needed ?? `${a.used} + ${a.requested}`}`;
  });
  const room = amounts.map((a) => {
    const left = difference(a.limited, a.used, a.resource);
    return `${a.resource} ${left ?? '?'} left, ${a.requested} asked`;
  });
  return (
    `Raise ${and(raise)} in ResourceQuota ${quota} (namespace ${namespace}); or make each new pod of ${and([...workloads])} ask ` +
    `for no more than what is left (${room.join('; ')}); or free quota by scaling down or deleting other workloads in ${namespace}.`
  );
}

function sum(a: string, b: string, resource: string): string | undefined {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return x === undefined || y === undefined ? undefined : formatAmount(x + y, resource, a, b);
}

function difference(a: string, b: string, resource: string): string | undefined {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return x === undefined || y === undefined ? undefined : formatAmount(Math.max(0, x - y), resource, a, b);
}

/** In the unit the quota itself uses: millicores for cpu, Mi/Gi for bytes, plain counts otherwise. */
function formatAmount(value: number, resource: string, ...examples: string[]): string {
  if (/cpu$/.test(resource)) {
    const milli = Math.round(value * 1000);
    return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
  }
  if (examples.some((e) => /[KMGTPE]i?$/.test(e)) || /memory|storage/.test(resource)) {
    const mi = value / 2 ** 20;
    if (mi >= 1024 && Number.isInteger(mi / 1024)) return `${mi / 1024}Gi`;
    return Number.isInteger(mi) ? `${mi}Mi` : `${Math.ceil(mi)}Mi`;
  }
  return String(Math.round(value));
}

export function webhookConfiguration(index: ObjectIndex, webhook: string): LoadedObject | undefined {
  for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'])
    for (const config of index.ofKind(kind)) {
      const hooks = (config.object as { webhooks?: { name?: string }[] }).webhooks;
      if (Array.isArray(hooks) && hooks.some((h) => h?.name === webhook)) return config;
    }
  return undefined;
}
