// Every reliability, efficiency and configuration check must treat unexpected shapes as "not applicable":
// deterministic mutations of full-featured manifests (subtrees replaced by null, numbers, strings, lists, maps)
// must never make a check throw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { runChecks } from '../../core/engine.ts';
import { ObjectIndex } from '../../core/index.ts';
import { parseManifestText } from '../../sources/files/parse-yaml.ts';
import { configurationChecks } from '../configuration/index.ts';
import { efficiencyChecks } from '../efficiency/index.ts';
import { reliabilityChecks } from './index.ts';

const CHECKS = [...reliabilityChecks, ...efficiencyChecks, ...configurationChecks];

const container = {
  name: 'app',
  image: 'app:1.0',
  imagePullPolicy: 'IfNotPresent',
  ports: [{ name: 'http', containerPort: 8080 }],
  env: [
    { name: 'A', value: '1' },
    { name: 'A', value: '2' },
  ],
  resources: { requests: { cpu: '100m', memory: '1Gi', 'nvidia.com/gpu': 1 }, limits: { memory: '512Mi' } },
  livenessProbe: { httpGet: { port: 'http', path: '/' }, successThreshold: 2 },
  readinessProbe: { tcpSocket: { port: 9090 } },
  startupProbe: { grpc: { port: 8080 } },
};
const podSpec = {
  containers: [container],
  initContainers: [{ ...container, name: 'sidecar', restartPolicy: 'Always' }],
  restartPolicy: 'Always',
  serviceAccount: 'old',
  priorityClassName: 'x',
  dnsConfig: { options: [{ name: 'ndots', value: '5' }] },
  affinity: {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } },
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        {
          labelSelector: { matchLabels: { app: 'web' } },
          topologyKey: 'kubernetes.io/hostname',
          namespaces: ['a'],
        },
      ],
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 1, podAffinityTerm: { topologyKey: 'zone' } },
      ],
    },
  },
  topologySpreadConstraints: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: {} } }],
};
const template = { metadata: { labels: { app: 'web' } }, spec: podSpec };
const SEEDS: Record<string, unknown>[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      labels: { 'app.kubernetes.io/instance': 'x' },
      annotations: {},
    },
    spec: {
      replicas: 3,
      selector: {
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }],
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } },
      template,
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'c' },
    spec: {
      schedule: '*/5 * * * *',
      timeZone: 'Etc/UTC',
      jobTemplate: { spec: { ttlSecondsAfterFinished: 5, template } },
    },
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      scaleTargetRef: { kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 1,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }],
    },
  },
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'p' },
    spec: { maxUnavailable: 0, minAvailable: '100%' },
  },
  {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'l', namespace: 'default' },
    spec: { limits: [{ type: 'Container', default: { cpu: 1 }, max: { memory: '1Gi' } }] },
  },
];

const REPLACEMENTS: unknown[] = [null, 0, -1, 'x', '', [], [null], {}, { a: [1] }, true];

/** Small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Paths of every node below the root except apiVersion/kind/metadata.name (the loader needs those). */
function paths(node: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (node === null || typeof node !== 'object') return [];
  const out: (string | number)[][] = [];
  for (const [key, child] of Object.entries(node)) {
    const path = [...prefix, Array.isArray(node) ? Number(key) : key];
    const joined = path.join('.');
    if (joined !== 'apiVersion' && joined !== 'kind' && joined !== 'metadata' && joined !== 'metadata.name')
      out.push(path);
    out.push(...paths(child, path));
  }
  return out;
}

function mutate(seed: Record<string, unknown>, random: () => number): Record<string, unknown> {
  const copy = structuredClone(seed);
  const all = paths(copy);
  const edits = 1 + Math.floor(random() * 3);
  for (let i = 0; i < edits; i++) {
    const path = all[Math.floor(random() * all.length)] as (string | number)[];
    let parent: Record<string | number, unknown> | undefined = copy;
    for (const key of path.slice(0, -1)) {
      const next: unknown = parent?.[key];
      // An earlier edit replaced an ancestor: this path is gone.
      parent =
        next !== null && typeof next === 'object' ? (next as Record<string | number, unknown>) : undefined;
    }
    if (parent)
      parent[path[path.length - 1] as string | number] =
        REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];
  }
  return copy;
}

describe('reliability, efficiency and configuration checks on odd shapes', () => {
  it('never throw on 400 mutated manifests', () => {
    const random = prng(42);
    const selected = CHECKS.map((check) => ({ check, params: check.params ?? {}, severity: check.severity }));
    let findings = 0;
    for (let round = 0; round < 80; round++) {
      const yaml = SEEDS.map((seed) => stringify(mutate(seed, random))).join('---\n');
      const parsed = parseManifestText(yaml, 'shapes.yaml');
      // Null list items are warned about (decision 0033) and still reach the checks.
      assert.deepEqual(
        parsed.problems.filter((p) => p.level !== 'warning'),
        [],
      );
      const index = new ObjectIndex(parsed.objects, { partial: round % 2 === 0 });
      const result = runChecks(index, selected, { now: new Date(0) });
      assert.deepEqual(result.problems, [], `round ${round}:\n${yaml}`);
      findings += result.findings.length;
    }
    // The seeds are full of problems; the mutations must not silence every check.
    assert.ok(findings > 1000, `only ${findings} findings`);
  });
});
