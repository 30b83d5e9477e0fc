// Reads the text of `kubectl describe pod|node|deployment|pvc` (what people paste into tickets) into objects shaped
// like the API's, so the same analyzers run on it, and says what the text alone cannot tell.
// Accepts raw describe output and recorded tool calls (JSON header lines, then "stdout:" … "stderr:").

import { append } from '../../core/append.ts';
import type { KubeObject } from '../../core/object.ts';
import {
  child,
  colonValues,
  keyValues,
  parseDuration,
  parseTime,
  parseTree,
  type TextNode,
  tableRows,
  value,
  values,
} from './text-tree.ts';

export interface DescribeResult {
  objects: KubeObject[];
  /** What could not be known from the text, or could not be read; one line each. */
  notes: string[];
  /** Kinds described (plus Event when an Events table was present). */
  kinds: string[];
  /** The moment the text was captured, estimated from its newest absolute timestamp (ages are relative to it). */
  capturedAt?: Date;
}

interface Document {
  lines: string[];
  kindHint?: string;
  namespaceHint?: string;
}

const KIND_ALIASES: Record<string, string> = {
  pod: 'Pod',
  pods: 'Pod',
  po: 'Pod',
  node: 'Node',
  nodes: 'Node',
  no: 'Node',
  deployment: 'Deployment',
  deployments: 'Deployment',
  deploy: 'Deployment',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  pvc: 'PersistentVolumeClaim',
  replicaset: 'ReplicaSet',
  replicasets: 'ReplicaSet',
  rs: 'ReplicaSet',
};

/** Strips a recorded tool call's JSON header and stdout:/stderr: markers; splits several objects apart. */
export function splitDocuments(text: string): Document[] {
  let lines = text.replace(/\r\n?/g, '\n').split('\n');
  let kindHint: string | undefined;
  let namespaceHint: string | undefined;
  while (lines.length > 0 && lines[0]!.trimStart().startsWith('{')) {
    try {
      const header = JSON.parse(lines[0]!) as {
        match_params?: { kind?: string; namespace?: string };
        params?: { kind?: string; namespace?: string };
      };
      const params = header.match_params ?? header.params;
      if (params?.kind && !kindHint) kindHint = KIND_ALIASES[params.kind.toLowerCase()] ?? params.kind;
      if (params?.namespace && !namespaceHint) namespaceHint = params.namespace;
    } catch {
      break;
    }
    lines = lines.slice(1);
  }
  const stdout = lines.findIndex((l) => l.trim() === 'stdout:');
  if (stdout >= 0) lines = lines.slice(stdout + 1);
  const stderr = lines.findLastIndex((l) => l.trim() === 'stderr:');
  if (stderr >= 0) lines = lines.slice(0, stderr);
  const docs: Document[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (/^Name:\s/.test(line)) {
      current = [];
      docs.push({
        lines: current,
        ...(kindHint ? { kindHint } : {}),
        ...(namespaceHint ? { namespaceHint } : {}),
      });
    }
    current?.push(line);
  }
  return docs;
}

function detectKind(tree: TextNode, hint: string | undefined): string | undefined {
  if (hint) return hint;
  const has = (key: string) => tree.children.some((c) => c.key === key);
  if (has('QoS Class') || (has('Containers') && has('Node'))) return 'Pod';
  if (has('System Info') || has('Roles') || (has('Taints') && has('Capacity'))) return 'Node';
  if (has('StrategyType') || (has('Replicas') && has('NewReplicaSet'))) return 'Deployment';
  if (has('StorageClass') && has('Access Modes')) return 'PersistentVolumeClaim';
  if (has('Replicas') && has('Update Strategy')) return 'StatefulSet';
  if (has('Pods Status') && /^\d+ current \/ \d+ desired/.test(value(tree, 'Replicas') ?? ''))
    return 'ReplicaSet';
  if (has('Desired Number of Nodes Scheduled')) return 'DaemonSet';
  return undefined;
}

const TIME_KEYS = new Set(['Start Time', 'Started', 'Finished', 'CreationTimestamp']);

function newestTime(tree: TextNode, kind: string | undefined): number {
  let newest = Number.NEGATIVE_INFINITY;
  const walk = (node: TextNode) => {
    if (TIME_KEYS.has(node.key)) {
      const t = parseTime(node.value);
      if (t) newest = Math.max(newest, t.getTime());
    }
    node.children.forEach(walk);
  };
  walk(tree);
  if (kind === 'Node') {
    for (const row of tableRows(child(tree, 'Conditions'))) {
      const t = parseTime(row[2]);
      if (t) newest = Math.max(newest, t.getTime());
    }
  }
  return newest;
}

export function parseDescribe(text: string, fallbackNow = new Date()): DescribeResult {
  const notes: string[] = [];
  const docs = splitDocuments(text);
  if (docs.length === 0) {
    notes.push(`no "kubectl describe" output recognised (expected a line starting with "Name:")`);
    return { objects: [], notes, kinds: [] };
  }
  const parsed = docs.map((d) => {
    const tree = parseTree(d.lines);
    return { doc: d, tree, kind: detectKind(tree, d.kindHint) };
  });
  let newest = Number.NEGATIVE_INFINITY;
  for (const p of parsed) newest = Math.max(newest, newestTime(p.tree, p.kind));
  const now = Number.isFinite(newest) ? new Date(newest) : fallbackNow;
  const objects: KubeObject[] = [];
  const kinds = new Set<string>();
  for (const { doc, tree, kind } of parsed) {
    const name = value(tree, 'Name');
    if (!name) continue;
    let built: KubeObject[] | undefined;
    if (kind === 'Pod') built = [buildPod(tree, doc, now)];
    else if (kind === 'Node') built = buildNode(tree, now);
    else if (kind === 'Deployment') built = [buildDeployment(tree, doc, now)];
    else if (kind === 'PersistentVolumeClaim') built = [buildClaim(tree, doc)];
    else if (kind === 'ReplicaSet') built = [buildReplicaSet(tree, doc)];
    if (!built) {
      notes.push(
        `"${name}" is a ${kind ?? 'kind we could not recognise'}; --describe reads pods, nodes, deployments, replicasets and persistentvolumeclaims`,
      );
      continue;
    }
    const main = built[0]!;
    kinds.add(main.kind);
    append(objects, built);
    const events = buildEvents(tree, main, now);
    if (events.length > 0) kinds.add('Event');
    append(objects, events);
  }
  const result: DescribeResult = { objects, notes, kinds: [...kinds].sort() };
  if (Number.isFinite(newest)) result.capturedAt = now;
  return result;
}

function metadata(tree: TextNode, doc: Document, namespaced: boolean): KubeObject['metadata'] {
  const meta: KubeObject['metadata'] = { name: value(tree, 'Name')! };
  const ns = value(tree, 'Namespace') ?? doc.namespaceHint;
  if (namespaced) meta.namespace = ns ?? 'default';
  const labels = keyValues(child(tree, 'Labels'));
  if (Object.keys(labels).length) meta.labels = labels;
  const annotations = colonValues(child(tree, 'Annotations'));
  if (Object.keys(annotations).length) meta.annotations = annotations;
  const created = parseTime(value(tree, 'CreationTimestamp'));
  if (created) meta.creationTimestamp = iso(created);
  return meta;
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function int(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number.parseInt(text, 10);
  return Number.isNaN(n) ? undefined : n;
}

// ---- Pod ------------------------------------------------------------------------------------------------------

/** "Controlled By:  ReplicaSet/web-5f7d8b9c4d" as an ownerReference. */
function controlledBy(tree: TextNode, meta: KubeObject['metadata']): void {
  const controller = value(tree, 'Controlled By');
  if (!controller?.includes('/')) return;
  const kind = controller.slice(0, controller.indexOf('/'));
  const name = controller.slice(controller.indexOf('/') + 1);
  meta.ownerReferences = [
    { apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, name, controller: true },
  ];
}

function buildPod(tree: TextNode, doc: Document, now: Date): KubeObject {
  const meta = metadata(tree, doc, true);
  controlledBy(tree, meta);
  const statusText = value(tree, 'Status') ?? '';
  // "Terminating (lasts 5m)": the phase is not printed, the deletion is.
  const terminating = /^Terminating(?: \(lasts ([^)]+)\))?/.exec(statusText);
  if (terminating) {
    const lasts = parseDuration(terminating[1] ?? '') ?? 0;
    meta.deletionTimestamp = iso(new Date(now.getTime() - lasts));
  }
  const spec: Record<string, unknown> = {};
  const nodeText = value(tree, 'Node');
  if (nodeText) spec.nodeName = nodeText.split('/')[0];
  const selector = keyValues(child(tree, 'Node-Selectors'));
  if (Object.keys(selector).length) spec.nodeSelector = selector;
  const tolerations = values(child(tree, 'Tolerations')).flatMap(parseToleration);
  if (tolerations.length) spec.tolerations = tolerations;
  const volumes = (child(tree, 'Volumes')?.children ?? []).map(parseVolume);
  if (volumes.length) spec.volumes = volumes;
  const priorityClass = value(tree, 'Priority Class Name');
  if (priorityClass) spec.priorityClassName = priorityClass;
  const containers = (child(tree, 'Containers')?.children ?? []).map(parseContainer);
  const inits = (child(tree, 'Init Containers')?.children ?? []).map(parseContainer);
  spec.containers = containers.map((c) => c.spec);
  if (inits.length) spec.initContainers = inits.map((c) => c.spec);
  const status: Record<string, unknown> = {};
  if (!terminating && statusText) status.phase = statusText.split(' ')[0];
  if (terminating) status.phase = 'Running';
  const reason = value(tree, 'Reason');
  if (reason) status.reason = reason;
  const message = value(tree, 'Message');
  if (message) status.message = message;
  const start = parseTime(value(tree, 'Start Time'));
  if (start) status.startTime = iso(start);
  const conditions = tableRows(child(tree, 'Conditions'))
    .filter((r) => r.length >= 2)
    .map(([type, s]) => ({ type, status: s }));
  if (conditions.length) status.conditions = conditions;
  const qos = value(tree, 'QoS Class');
  if (qos) status.qosClass = qos;
  const statuses = containers.flatMap((c) => (c.status ? [c.status] : []));
  if (statuses.length) status.containerStatuses = statuses;
  const initStatuses = inits.flatMap((c) => (c.status ? [c.status] : []));
  if (initStatuses.length) status.initContainerStatuses = initStatuses;
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec, status };
}

/** kubectl prints key[=value][:effect][ op=Exists][ for Ns]; a bare "op=Exists" tolerates everything. */
export function parseToleration(text: string): Record<string, unknown>[] {
  const trimmed = text.trim();
  const all = /^op=Exists(?:\s+for (\d+)s)?$/.exec(trimmed);
  if (all) return [{ operator: 'Exists', ...(all[1] ? { tolerationSeconds: Number(all[1]) } : {}) }];
  const m = /^([^=:\s]*)(?:=([^:\s]*))?(?::(\w+))?(?:\s*(op=Exists))?(?:\s+for (\d+)s)?$/.exec(trimmed);
  if (!m) return [];
  const t: Record<string, unknown> = {};
  if (m[1]) t.key = m[1];
  t.operator = m[4] ? 'Exists' : 'Equal';
  if (m[2] !== undefined && !m[4]) t.value = m[2];
  if (m[3]) t.effect = m[3];
  if (m[5]) t.tolerationSeconds = Number(m[5]);
  return [t];
}

function parseVolume(node: TextNode): Record<string, unknown> {
  const type = value(node, 'Type') ?? '';
  const volume: Record<string, unknown> = { name: node.key };
  const optional = value(node, 'Optional') === 'true';
  if (type.startsWith('PersistentVolumeClaim')) {
    volume.persistentVolumeClaim = {
      claimName: value(node, 'ClaimName'),
      ...(value(node, 'ReadOnly') === 'true' ? { readOnly: true } : {}),
    };
  } else if (type.startsWith('ConfigMap')) {
    volume.configMap = { name: value(node, 'Name'), ...(optional ? { optional } : {}) };
  } else if (type.startsWith('Secret')) {
    volume.secret = { secretName: value(node, 'SecretName'), ...(optional ? { optional } : {}) };
  } else if (type.startsWith('EmptyDir')) volume.emptyDir = {};
  else if (type.startsWith('HostPath')) volume.hostPath = { path: value(node, 'Path') };
  else if (type.startsWith('Projected')) volume.projected = { sources: [] };
  return volume;
}

interface ParsedContainer {
  spec: Record<string, unknown>;
  status?: Record<string, unknown>;
}

function parseContainer(node: TextNode): ParsedContainer {
  const name = node.key;
  const spec: Record<string, unknown> = { name };
  const image = value(node, 'Image');
  if (image) spec.image = image;
  const command = values(child(node, 'Command'));
  if (command.length) spec.command = command;
  const args = values(child(node, 'Args'));
  if (args.length) spec.args = args;
  const ports = (value(node, 'Ports') ?? value(node, 'Port') ?? '')
    .split(',')
    .map((p) => /^(\d+)\/(\w+)$/.exec(p.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ containerPort: Number(m[1]), protocol: m[2] }));
  const hostPorts = (value(node, 'Host Ports') ?? value(node, 'Host Port') ?? '')
    .split(',')
    .map((p) => Number(/^(\d+)\//.exec(p.trim())?.[1] ?? 0));
  ports.forEach((p, i) => {
    if ((hostPorts[i] ?? 0) > 0) (p as Record<string, unknown>).hostPort = hostPorts[i];
  });
  if (ports.length) spec.ports = ports;
  const limits = colonValues(child(node, 'Limits'));
  const requests = colonValues(child(node, 'Requests'));
  if (Object.keys(limits).length || Object.keys(requests).length) {
    spec.resources = {
      ...(Object.keys(limits).length ? { limits } : {}),
      ...(Object.keys(requests).length ? { requests } : {}),
    };
  }
  const env = (child(node, 'Environment')?.children ?? []).map((e) => envVar(e));
  if (env.length) spec.env = env;
  const stateNode = child(node, 'State');
  if (!stateNode) return { spec };
  const status: Record<string, unknown> = {
    name,
    image: image ?? '',
    imageID: value(node, 'Image ID') ?? '',
    ready: value(node, 'Ready') === 'True',
    restartCount: int(value(node, 'Restart Count')) ?? 0,
    state: containerState(stateNode),
    lastState: containerState(child(node, 'Last State')),
  };
  const started = value(node, 'Started');
  if (started === 'true' || started === 'false') status.started = started === 'true';
  return { spec, status };
}

function envVar(node: TextNode): Record<string, unknown> {
  const ref =
    /<set to the key '([^']+)' (?:of|in) (config map|secret) '([^']+)'>(?:\s+Optional: (\w+))?/.exec(
      node.value,
    );
  if (ref) {
    const selector = { key: ref[1], name: ref[3], ...(ref[4] === 'true' ? { optional: true } : {}) };
    return {
      name: node.key,
      valueFrom: ref[2] === 'secret' ? { secretKeyRef: selector } : { configMapKeyRef: selector },
    };
  }
  return { name: node.key, value: node.value };
}

function containerState(node: TextNode | undefined): Record<string, unknown> {
  if (!node) return {};
  const kind = node.value.split(' ')[0];
  const detail: Record<string, unknown> = {};
  const reason = value(node, 'Reason');
  if (reason) detail.reason = reason;
  const messageNode = child(node, 'Message');
  if (messageNode) detail.message = values(messageNode).join('\n');
  const started = parseTime(value(node, 'Started'));
  if (started) detail.startedAt = iso(started);
  if (kind === 'Terminated') {
    const code = int(value(node, 'Exit Code'));
    if (code !== undefined) detail.exitCode = code;
    const signal = int(value(node, 'Signal'));
    if (signal !== undefined) detail.signal = signal;
    const finished = parseTime(value(node, 'Finished'));
    if (finished) detail.finishedAt = iso(finished);
    return { terminated: detail };
  }
  if (kind === 'Running') return { running: detail };
  if (kind === 'Waiting') return { waiting: detail };
  return {};
}

// ---- Node -----------------------------------------------------------------------------------------------------

function buildNode(tree: TextNode, now: Date): KubeObject[] {
  const meta = metadata(tree, {} as Document, false);
  const spec: Record<string, unknown> = {};
  const taints = values(child(tree, 'Taints')).flatMap((t) => {
    const m = /^([^=:\s]+)(?:=([^:\s]*))?:(\w+)$/.exec(t.trim());
    return m ? [{ key: m[1], ...(m[2] ? { value: m[2] } : {}), effect: m[3] }] : [];
  });
  if (taints.length) spec.taints = taints;
  if (value(tree, 'Unschedulable') === 'true') spec.unschedulable = true;
  const conditions = tableRows(child(tree, 'Conditions'))
    .filter((r) => r.length >= 2)
    .map(([type, status, heartbeat, transition, reason, ...message]) => {
      const c: Record<string, unknown> = { type, status };
      const hb = parseTime(heartbeat);
      if (hb) c.lastHeartbeatTime = iso(hb);
      const tr = parseTime(transition);
      if (tr) c.lastTransitionTime = iso(tr);
      if (reason) c.reason = reason;
      if (message.length) c.message = message.join('  ');
      return c;
    });
  const info = colonValues(child(tree, 'System Info'));
  const nodeInfo: Record<string, string> = {};
  if (info['Kubelet Version']) nodeInfo.kubeletVersion = info['Kubelet Version'];
  if (info['Container Runtime Version']) nodeInfo.containerRuntimeVersion = info['Container Runtime Version'];
  if (info['Operating System']) nodeInfo.operatingSystem = info['Operating System'];
  const status: Record<string, unknown> = { conditions, nodeInfo };
  const capacity = colonValues(child(tree, 'Capacity'));
  if (Object.keys(capacity).length) status.capacity = capacity;
  const allocatable = colonValues(child(tree, 'Allocatable'));
  if (Object.keys(allocatable).length) status.allocatable = allocatable;
  const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: meta, spec, status };
  // The pods listed on the node carry its committed requests: what the scheduler subtracts from allocatable.
  const pods = tableRows(child(tree, 'Non-terminated Pods'))
    .filter((r) => r.length >= 6)
    .map(([namespace, name, cpuRequest, , memoryRequest, , age]) => {
      const requests: Record<string, string> = {};
      const cpu = /^(\S+)/.exec(cpuRequest ?? '')?.[1];
      const memory = /^(\S+)/.exec(memoryRequest ?? '')?.[1];
      if (cpu && cpu !== '0') requests.cpu = cpu;
      if (memory && memory !== '0') requests.memory = memory;
      const ageMs = parseDuration(age ?? '');
      const pod: KubeObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: name!,
          namespace: namespace!,
          annotations: { [LISTED_ON_NODE]: meta.name! },
          ...(ageMs !== undefined ? { creationTimestamp: iso(new Date(now.getTime() - ageMs)) } : {}),
        },
        spec: { nodeName: meta.name, containers: [{ name: 'listed', resources: { requests } }] },
        status: { phase: 'Running' },
      };
      return pod;
    });
  return [node, ...pods];
}

/** Marks pods known only from a node's "Non-terminated Pods" table: they count for scheduling, nothing else. */
export const LISTED_ON_NODE = 'shipshape.dev/listed-on-node';

// ---- Deployment -----------------------------------------------------------------------------------------------

function buildDeployment(tree: TextNode, doc: Document, _now: Date): KubeObject {
  const meta = metadata(tree, doc, true);
  const counts: Record<string, number> = {};
  for (const part of (value(tree, 'Replicas') ?? '').split('|')) {
    const m = /(?<!\d)(\d+)\s+(\w+)/.exec(part.trim());
    if (m) counts[m[2]!] = Number(m[1]);
  }
  const selector = keyValues(child(tree, 'Selector'));
  const template = child(tree, 'Pod Template');
  const templateLabels = keyValues(child(template, 'Labels'));
  const containers = (child(template, 'Containers')?.children ?? []).map((c) => parseContainer(c).spec);
  const spec: Record<string, unknown> = {
    replicas: counts.desired ?? 1,
    selector: { matchLabels: selector },
    template: { metadata: { labels: templateLabels }, spec: { containers } },
  };
  const strategy = value(tree, 'StrategyType');
  if (strategy) spec.strategy = { type: strategy };
  const conditions = tableRows(child(tree, 'Conditions'))
    .filter((r) => r.length >= 2)
    .map(([type, status, reason]) => ({ type, status, ...(reason ? { reason } : {}) }));
  const status: Record<string, unknown> = {
    replicas: counts.total ?? 0,
    updatedReplicas: counts.updated ?? 0,
    availableReplicas: counts.available ?? 0,
    // describe prints no ready count; available pods are ready, so this is the floor.
    readyReplicas: counts.available ?? 0,
    conditions,
  };
  if (counts.unavailable) status.unavailableReplicas = counts.unavailable;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec, status };
}

// ---- ReplicaSet -----------------------------------------------------------------------------------------------

/** "Replicas: 2 current / 3 desired", "Pods Status: 2 Running / 0 Waiting / …", Conditions, the template. */
function buildReplicaSet(tree: TextNode, doc: Document): KubeObject {
  const meta = metadata(tree, doc, true);
  controlledBy(tree, meta);
  const replicas = /^(\d+) current \/ (\d+) desired/.exec(value(tree, 'Replicas') ?? '');
  const running = int(/^(\d+) Running/.exec(value(tree, 'Pods Status') ?? '')?.[1]) ?? 0;
  const template = child(tree, 'Pod Template');
  const containers = (child(template, 'Containers')?.children ?? []).map((c) => parseContainer(c).spec);
  const conditions = tableRows(child(tree, 'Conditions'))
    .filter((r) => r.length >= 2)
    .map(([type, status, reason]) => ({ type, status, ...(reason ? { reason } : {}) }));
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta,
    spec: {
      replicas: int(replicas?.[2]) ?? 1,
      selector: { matchLabels: keyValues(child(tree, 'Selector')) },
      template: { metadata: { labels: keyValues(child(template, 'Labels')) }, spec: { containers } },
    },
    // describe prints running pods, not ready or available ones: running is the ceiling, taken as the count.
    status: {
      replicas: int(replicas?.[1]) ?? 0,
      readyReplicas: running,
      availableReplicas: running,
      conditions,
    },
  };
}

// ---- PersistentVolumeClaim ------------------------------------------------------------------------------------

function buildClaim(tree: TextNode, doc: Document): KubeObject {
  const meta = metadata(tree, doc, true);
  const spec: Record<string, unknown> = {};
  const className = value(tree, 'StorageClass');
  if (className) spec.storageClassName = className;
  const volume = value(tree, 'Volume');
  if (volume) spec.volumeName = volume;
  const modes = value(tree, 'Access Modes');
  if (modes) spec.accessModes = modes.split(',').map((m) => m.trim());
  const status: Record<string, unknown> = {};
  const phase = value(tree, 'Status');
  if (phase) status.phase = phase;
  const capacity = value(tree, 'Capacity');
  if (capacity) status.capacity = { storage: capacity };
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta, spec, status };
}

// ---- Events ---------------------------------------------------------------------------------------------------

/** Rows of the Events table: Type, Reason, Age ("21s (x26 over 6m35s)"), From, Message. */
export function buildEvents(tree: TextNode, about: KubeObject, now: Date): KubeObject[] {
  const events = child(tree, 'Events');
  if (!events) return [];
  const out: KubeObject[] = [];
  tableRows(events).forEach((row, i) => {
    const [type, reason, ageText, from, ...rest] = row;
    if ((type !== 'Normal' && type !== 'Warning') || !reason) return;
    const age = /^(\S+)(?: \(x(\d+) over (\S+)\))?$/.exec(ageText ?? '');
    const lastMs = parseDuration(age?.[1] ?? '');
    const firstMs = parseDuration(age?.[3] ?? '') ?? lastMs;
    const last = lastMs !== undefined ? iso(new Date(now.getTime() - lastMs)) : undefined;
    const first = firstMs !== undefined ? iso(new Date(now.getTime() - firstMs)) : last;
    const namespace = about.metadata.namespace;
    out.push({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${about.metadata.name}.described-${i}`,
        ...(namespace ? { namespace } : { namespace: 'default' }),
        ...(first ? { creationTimestamp: first } : {}),
      },
      involvedObject: {
        kind: about.kind,
        name: about.metadata.name,
        ...(namespace ? { namespace } : {}),
      },
      reason,
      message: rest.join('  '),
      type,
      count: Number(age?.[2] ?? 1),
      ...(first ? { firstTimestamp: first } : {}),
      ...(last ? { lastTimestamp: last } : {}),
      source: { component: from ?? '' },
    });
  });
  return out;
}
