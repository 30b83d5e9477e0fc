// Enum truth (issue #16): for every enum field of the core workload kinds, Service, Ingress, PersistentVolumeClaim
// and the RBAC kinds — every path the test bed version's bundled schema reaches an enum by — one object with a
// wrong value (the allowed value in lower case, as people mistype "TCP") and its valid twin (an allowed value) are
// sent with server-side dry-run and strict field validation. The server's accept/reject of the wrong one is
// compared with shipshape's offline schema verdict; the twin must be accepted by both (else the probe would not
// isolate the field, and is reported as such). Ephemeral containers cannot be set on create: their probes go
// through the ephemeralcontainers subresource of a real pod.

import type { KubeObject } from '../../src/core/object.ts';
import { refOf } from '../../src/core/object.ts';
import { podSpecOf } from '../../src/k8s/workloads.ts';
import { bundledSchemaSet, resolveBundledVersion } from '../../src/schema/bundled.ts';
import { type AdminApi, type ApiResponse, ensureNamespace, mapLimit, RUN_ID, statusMessage } from './api.ts';
import { discover, shipshapeSchemaVerdict } from './schema.ts';
import { emptyResult, type TruthResult } from './types.ts';

type Json = Record<string, unknown>;
const IMAGE = 'registry.k8s.io/pause:3.10';
const LABELS = { app: 'enum-probe' };

const pod = (spec: Json = {}) => ({
  containers: [{ name: 'c', image: IMAGE }],
  volumes: [{ name: 'data', emptyDir: {} }],
  ...spec,
});
const template = (spec: Json = {}) => ({ metadata: { labels: LABELS }, spec: pod(spec) });

/** A valid object of each kind the corpus covers, the smallest the API server accepts. */
export const BASES: Record<string, () => KubeObject> = {
  'v1:Pod': () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'enum-probe' }, spec: pod() }),
  'apps/v1:Deployment': () => workload('apps/v1', 'Deployment'),
  'apps/v1:StatefulSet': () => workload('apps/v1', 'StatefulSet', { serviceName: 'enum-probe' }),
  'apps/v1:DaemonSet': () => workload('apps/v1', 'DaemonSet'),
  'apps/v1:ReplicaSet': () => workload('apps/v1', 'ReplicaSet'),
  'v1:ReplicationController': () => ({
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'enum-probe' },
    spec: { selector: LABELS, template: template() },
  }),
  'batch/v1:Job': () => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'enum-probe' },
    spec: { template: template({ restartPolicy: 'Never' }) },
  }),
  'batch/v1:CronJob': () => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'enum-probe' },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: { spec: { template: template({ restartPolicy: 'Never' }) } },
    },
  }),
  'v1:Service': () => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'enum-probe' },
    spec: { selector: LABELS, ports: [{ port: 80 }] },
  }),
  'networking.k8s.io/v1:Ingress': () => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'enum-probe' },
    spec: { defaultBackend: { service: { name: 'enum-probe', port: { number: 80 } } } },
  }),
  'v1:PersistentVolumeClaim': () => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'enum-probe' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  }),
  'rbac.authorization.k8s.io/v1:Role': () => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'enum-probe' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
  }),
  'rbac.authorization.k8s.io/v1:ClusterRole': () => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'enum-probe' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
  }),
  'rbac.authorization.k8s.io/v1:RoleBinding': () => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'enum-probe' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'enum-probe' },
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
  }),
  'rbac.authorization.k8s.io/v1:ClusterRoleBinding': () => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'enum-probe' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'enum-probe' },
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
  }),
};

function workload(apiVersion: string, kind: string, spec: Json = {}): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: { name: 'enum-probe' },
    spec: { selector: { matchLabels: LABELS }, template: template(), ...spec },
  };
}

/**
 * The smallest valid value of a definition, where a field on the way to an enum has to be created: what the API
 * server requires beside it (a name, a port, a key). Keyed by definition name, or "definition@property" where the
 * property it sits under changes what is valid.
 */
const TEMPLATES: Record<string, () => unknown> = {
  // A new container only ever goes into initContainers (containers[0] is reused): a sidecar, which may have
  // probes and lifecycle hooks.
  'io.k8s.api.core.v1.Container': () => ({ name: 'init', image: IMAGE, restartPolicy: 'Always' }),
  'io.k8s.api.core.v1.EphemeralContainer': () => ({ name: 'debug', image: IMAGE }),
  'io.k8s.api.core.v1.ContainerPort': () => ({ containerPort: 8080 }),
  'io.k8s.api.core.v1.HTTPGetAction': () => ({ port: 8080 }),
  'io.k8s.api.core.v1.Volume': () => ({ name: 'probe' }),
  'io.k8s.api.core.v1.VolumeMount': () => ({ name: 'data', mountPath: '/probe' }),
  'io.k8s.api.core.v1.HostPathVolumeSource': () => ({ path: '/tmp/probe' }),
  'io.k8s.api.core.v1.AzureDiskVolumeSource': () => ({
    diskName: 'probe',
    diskURI: 'https://example.blob/probe.vhd',
  }),
  'io.k8s.api.core.v1.ImageVolumeSource': () => ({ reference: IMAGE }),
  'io.k8s.api.core.v1.PersistentVolumeClaimTemplate': () => ({
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  }),
  'io.k8s.api.core.v1.PersistentVolumeClaim': () => ({
    metadata: { name: 'probe' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  }),
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': () => ({
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '1Gi' } },
  }),
  'io.k8s.api.core.v1.NodeSelector': () => ({ nodeSelectorTerms: [] }),
  'io.k8s.api.core.v1.NodeSelectorRequirement': () => ({ key: 'probe', operator: 'In', values: ['v'] }),
  'io.k8s.api.core.v1.NodeSelectorRequirement@matchFields': () => ({
    key: 'metadata.name',
    operator: 'In',
    values: ['node'],
  }),
  'io.k8s.api.core.v1.PreferredSchedulingTerm': () => ({ weight: 1, preference: {} }),
  'io.k8s.api.core.v1.Toleration': () => ({
    key: 'probe',
    operator: 'Equal',
    value: 'v',
    effect: 'NoSchedule',
  }),
  'io.k8s.api.core.v1.TopologySpreadConstraint': () => ({
    maxSkew: 1,
    topologyKey: 'topology.kubernetes.io/zone',
    whenUnsatisfiable: 'DoNotSchedule',
    labelSelector: { matchLabels: LABELS },
  }),
  'io.k8s.api.core.v1.SeccompProfile': () => ({ type: 'RuntimeDefault' }),
  'io.k8s.api.core.v1.AppArmorProfile': () => ({ type: 'RuntimeDefault' }),
  'io.k8s.api.batch.v1.PodFailurePolicy': () => ({ rules: [] }),
  'io.k8s.api.batch.v1.PodFailurePolicyRule': () => ({
    action: 'FailJob',
    onExitCodes: { operator: 'In', values: [42] },
  }),
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement': () => ({ operator: 'In', values: [42] }),
  'io.k8s.api.networking.v1.IngressRule': () => ({ http: { paths: [] } }),
  'io.k8s.api.networking.v1.HTTPIngressRuleValue': () => ({ paths: [] }),
  'io.k8s.api.networking.v1.HTTPIngressPath': () => ({
    path: '/',
    pathType: 'Prefix',
    backend: { service: { name: 'enum-probe', port: { number: 80 } } },
  }),
  'io.k8s.api.core.v1.ModifyVolumeStatus': () => ({ status: 'Pending' }),
};

/** The allowed value a valid twin uses where the first one needs more context than the probe gives. */
const VALID: Record<string, string> = {
  'io.k8s.api.core.v1.PodSpec.dnsPolicy': 'ClusterFirst',
  'io.k8s.api.core.v1.ServiceSpec.type': 'ClusterIP',
  'io.k8s.api.core.v1.ServiceSpec.ipFamilyPolicy': 'SingleStack',
  'io.k8s.api.core.v1.ServiceSpec.ipFamilies': 'IPv4',
  'io.k8s.api.core.v1.SeccompProfile.type': 'RuntimeDefault',
  'io.k8s.api.core.v1.AppArmorProfile.type': 'RuntimeDefault',
  'io.k8s.api.core.v1.SecurityContext.procMount': 'Default',
  'io.k8s.api.core.v1.VolumeMount.mountPropagation': 'HostToContainer',
  'io.k8s.api.core.v1.NodeSelectorRequirement.operator': 'In',
  'io.k8s.api.core.v1.Toleration.operator': 'Equal',
  'io.k8s.api.core.v1.HostPathVolumeSource.type': 'DirectoryOrCreate',
  'io.k8s.api.batch.v1.JobSpec.completionMode': 'NonIndexed',
  'io.k8s.api.batch.v1.JobSpec.podReplacementPolicy': 'Failed',
  'io.k8s.api.batch.v1.PodFailurePolicyRule.action': 'FailJob',
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement.operator': 'In',
  'io.k8s.api.core.v1.Lifecycle.stopSignal': 'SIGTERM',
  'io.k8s.api.core.v1.PodSpec.preemptionPolicy': 'PreemptLowerPriority',
  'io.k8s.api.core.v1.ServiceSpec.externalTrafficPolicy': 'Cluster',
  'io.k8s.api.core.v1.ServiceSpec.internalTrafficPolicy': 'Cluster',
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec.accessModes': 'ReadWriteOnce',
};

/** Fields the API server validates only together with another one: set it so the enum alone decides. */
const CONTEXT: Record<string, (object: KubeObject) => void> = {
  'io.k8s.api.core.v1.ServiceSpec.externalTrafficPolicy': (o) => {
    (o.spec as Json).type = 'NodePort';
  },
  'io.k8s.api.core.v1.Lifecycle.stopSignal': (o) => {
    const spec = podSpecOf(o)?.spec as Json | undefined;
    if (spec) spec.os = { name: 'linux' };
  },
};

export interface EnumCase {
  kind: string;
  /** Where the enum is, e.g. "spec.template.spec.containers[0].imagePullPolicy". */
  where: string;
  /** "<definition>.<property>", the field's identity across paths. */
  field: string;
  allowed: string[];
  wrong: string;
  object: KubeObject;
  twin: KubeObject;
  /** Set through pods/ephemeralcontainers on a real pod (ephemeral containers cannot be created with a pod). */
  ephemeral: boolean;
}

interface Step {
  /** Property name, or "[]" (an array's item), or "{}" (a map's value). */
  key: string;
  /** The definition the schema names for the node this step reaches, if it is a $ref. */
  definition?: string;
}

interface EnumPath {
  steps: Step[];
  /** Definition holding the enum property, and the property. */
  owner: string;
  property: string;
  allowed: string[];
}

type Schema = Json & {
  $ref?: string;
  enum?: unknown[];
  properties?: Json;
  items?: Json;
  additionalProperties?: unknown;
};

/** Every path from a kind's root to an enum, through $refs (each definition once per path), status excluded. */
export function enumPaths(definitions: Readonly<Record<string, unknown>>, root: string): EnumPath[] {
  const out: EnumPath[] = [];
  const walk = (node: Schema | undefined, steps: Step[], seen: string[]) => {
    if (!node || typeof node !== 'object') return;
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/$defs/', '');
      if (seen.includes(name)) return;
      const last = steps.at(-1);
      walk(
        definitions[name] as Schema,
        last ? [...steps.slice(0, -1), { ...last, definition: name }] : steps,
        [...seen, name],
      );
      return;
    }
    if (Array.isArray(node.enum)) {
      const owner = seen.at(-1)!;
      const propertyStep = [...steps].reverse().find((s) => s.key !== '[]' && s.key !== '{}')!;
      out.push({ steps, owner, property: propertyStep.key, allowed: node.enum.map(String) });
    }
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      if (steps.length === 0 && name === 'status') continue;
      walk(child as Schema, [...steps, { key: name }], seen);
    }
    if (node.items && typeof node.items === 'object')
      walk(node.items as Schema, [...steps, { key: '[]' }], seen);
    if (node.additionalProperties && typeof node.additionalProperties === 'object')
      walk(node.additionalProperties as Schema, [...steps, { key: '{}' }], seen);
  };
  walk({ $ref: `#/$defs/${root}` }, [], []);
  return out;
}

/** A value of the definition for a node to be created under `parentKey`. */
function fresh(step: Step, parentKey: string | undefined): unknown {
  const definition = step.definition;
  const make = definition && (TEMPLATES[`${definition}@${parentKey}`] ?? TEMPLATES[definition]);
  return make ? make() : {};
}

/** Builds the object with `value` at the enum's path; arrays get a new item (containers: the first is reused). */
function place(base: KubeObject, path: EnumPath, value: string): { object: KubeObject; where: string } {
  const object = structuredClone(base);
  let node: unknown = object;
  let where = '';
  const { steps } = path;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const last = i === steps.length - 1;
    const container = node as Json | unknown[];
    if (step.key === '[]') {
      const list = container as unknown[];
      const key = steps[i - 1]?.key;
      if (last) {
        list.splice(0, list.length, value);
        where += '[0]';
        break;
      }
      const reuse =
        list.length > 0 && (key === 'containers' || key === 'nodeSelectorTerms' || key === 'ports');
      if (!reuse) list.push(fresh(step, key));
      const at = reuse ? 0 : list.length - 1;
      where += `[${at}]`;
      node = list[at];
      continue;
    }
    if (step.key === '{}') {
      const map = container as Json;
      where += '.probe';
      if (last) {
        map.probe = value;
        break;
      }
      map.probe ??= fresh(step, steps[i - 1]?.key);
      node = map.probe;
      continue;
    }
    const obj = container as Json;
    where += where ? `.${step.key}` : step.key;
    if (last) {
      obj[step.key] = value;
      break;
    }
    const next = steps[i + 1];
    if (obj[step.key] === undefined) obj[step.key] = next?.key === '[]' ? [] : fresh(step, steps[i - 1]?.key);
    node = obj[step.key];
  }
  return { object, where };
}

/** The wrong value: an allowed one in lower case (or suffixed, when that is allowed or unchanged). */
function wrongValue(allowed: readonly string[]): string {
  const sample = allowed.find((v) => v !== '') ?? 'value';
  const lower = sample.toLowerCase();
  return allowed.includes(lower) ? `${sample}-bogus` : lower;
}

export function enumCases(version: string): EnumCase[] {
  const set = bundledSchemaSet(resolveBundledVersion(version).version);
  const cases: EnumCase[] = [];
  for (const [key, base] of Object.entries(BASES)) {
    const root = set.kinds.get(key);
    if (!root) continue;
    for (const path of enumPaths(set.definitions, root)) {
      const field = `${path.owner}.${path.property}`;
      const kindName = key.slice(key.indexOf(':') + 1);
      const valid =
        field === 'io.k8s.api.core.v1.PodSpec.restartPolicy'
          ? kindName === 'Job' || kindName === 'CronJob'
            ? 'Never'
            : 'Always'
          : (VALID[field] ?? path.allowed.find((v) => v !== '')!);
      const wrong = wrongValue(path.allowed);
      const build = (value: string) => {
        const built = place(base(), path, value);
        CONTEXT[field]?.(built.object);
        return built;
      };
      const bad = build(wrong);
      cases.push({
        kind: kindName,
        where: bad.where,
        field,
        allowed: path.allowed,
        wrong,
        object: bad.object,
        twin: build(valid).object,
        ephemeral: kindName === 'Pod' && bad.where.startsWith('spec.ephemeralContainers'),
      });
    }
  }
  return cases;
}

interface Verdict {
  accepted: boolean;
  status: number;
  message: string;
  /** The server said "Unsupported value" for this very field. */
  unsupported: boolean;
}

function verdictOf(response: ApiResponse, where: string): Verdict {
  const details = (
    response.body as { details?: { causes?: { reason?: string; field?: string }[] } } | undefined
  )?.details;
  const unsupported = (details?.causes ?? []).some(
    (c) => c.reason === 'FieldValueNotSupported' && c.field === where,
  );
  return {
    accepted: response.status >= 200 && response.status < 300,
    status: response.status,
    message: statusMessage(response),
    unsupported,
  };
}

export async function enumTruth(
  api: AdminApi,
  createdNamespaces: Set<string>,
  kubeVersion: string,
  concurrency = 6,
): Promise<TruthResult> {
  const started = performance.now();
  const out = emptyResult('enums');
  out.breakdown = { rejectedAsUnsupported: 0, twinsAccepted: 0 };
  const namespace = `truth-enums-${RUN_ID}`;
  createdNamespaces.add(namespace);
  await ensureNamespace(api, namespace);
  const served = await discover(api);
  const collection = (object: KubeObject) => {
    const target = served.get(`${object.apiVersion}:${object.kind}`);
    if (!target) return undefined;
    const base = object.apiVersion.includes('/') ? `/apis/${object.apiVersion}` : `/api/${object.apiVersion}`;
    return target.namespaced
      ? `${base}/namespaces/${namespace}/${target.resource}`
      : `${base}/${target.resource}`;
  };
  // A real pod whose ephemeralcontainers subresource takes the ephemeral-container probes.
  const host = BASES['v1:Pod']!();
  host.metadata = { name: 'enum-probe-host', namespace };
  const hostCreated = await api.request('POST', `/api/v1/namespaces/${namespace}/pods`, host);
  if (hostCreated.status !== 201) throw new Error(`creating the host pod: ${statusMessage(hostCreated)}`);

  const send = async (object: KubeObject, ephemeral: boolean): Promise<ApiResponse | undefined> => {
    const body = structuredClone(object);
    if (ephemeral) {
      const live = (await api.getJson(`/api/v1/namespaces/${namespace}/pods/enum-probe-host`)) as KubeObject;
      (live.spec as Json).ephemeralContainers = (body.spec as Json).ephemeralContainers;
      return api.request(
        'PUT',
        `/api/v1/namespaces/${namespace}/pods/enum-probe-host/ephemeralcontainers?dryRun=All&fieldValidation=Strict`,
        live,
      );
    }
    const url = collection(body);
    if (!url) return undefined;
    const target = served.get(`${body.apiVersion}:${body.kind}`)!;
    body.metadata = { ...(body.metadata ?? {}), ...(target.namespaced ? { namespace } : {}) };
    return api.request('POST', `${url}?dryRun=All&fieldValidation=Strict`, body);
  };

  const cases = enumCases(kubeVersion);
  await mapLimit(cases, concurrency, async (c) => {
    const label = `${c.kind} ${c.where}: ${JSON.stringify(c.wrong)}`;
    const [twinResponse, wrongResponse] = [
      await send(c.twin, c.ephemeral),
      await send(c.object, c.ephemeral),
    ];
    if (!twinResponse || !wrongResponse) {
      out.notApplicable++;
      out.notes.push(`enums ${label}: ${c.kind} not served`);
      return;
    }
    const twin = verdictOf(twinResponse, c.where);
    const server = verdictOf(wrongResponse, c.where);
    const ours = shipshapeSchemaVerdict({ object: c.object, ref: refOf(c.object) }, []);
    const oursTwin = shipshapeSchemaVerdict({ object: c.twin, ref: refOf(c.twin) }, []);
    if (!twin.accepted) {
      out.notApplicable++;
      out.notes.push(
        `enums ${label}: probe does not isolate the field, its valid twin is rejected (${twin.status}: ${twin.message})`,
      );
      return;
    }
    out.breakdown!.twinsAccepted!++;
    if (oursTwin.rejected) {
      out.disagree++;
      out.disagreements.push(
        `enums ${label}: valid twin accepted by the server, rejected by shipshape (${oursTwin.findings.join('; ')})`,
      );
      return;
    }
    if (server.unsupported) out.breakdown!.rejectedAsUnsupported!++;
    if (server.accepted !== !ours.rejected) {
      out.disagree++;
      out.disagreements.push(
        `enums ${label}: server ${server.accepted ? `accepts (${server.status})` : `rejects (${server.status}: ${server.message})`}, shipshape ${
          ours.rejected ? `rejects (${ours.findings.join('; ')})` : 'accepts'
        } [${c.field}]`,
      );
      return;
    }
    out.agree++;
    if (!server.accepted) out.rejectedByBoth = (out.rejectedByBoth ?? 0) + 1;
    else out.notes.push(`enums ${label}: accepted by both [${c.field}]`);
  });
  out.disagreements.sort();
  out.milliseconds = performance.now() - started;
  return out;
}
