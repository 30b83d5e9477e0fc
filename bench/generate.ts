// Deterministic benchmark corpus: realistic apps (Deployment/StatefulSet/CronJob + Service, ConfigMap, Ingress,
// HPA, PDB, NetworkPolicy, ServiceAccount, Secret, RBAC) five objects to a file, with planted mistakes.
// Same seed and size → byte-identical output. Two styles of the same objects: `plain` (our emitter: no anchors)
// and `anchors` (as PyYAML's dump_all writes them: keys sorted, indentless sequences, and a map used twice in a
// document, such as the app's label map, written once with &idNNN and then as *idNNN aliases).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const GENERATOR_VERSION = 6;
export const OBJECTS_PER_FILE = 5;

/** mulberry32: small, fast, good enough for picking shapes. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Obj = Record<string, unknown>;

/** The mistakes planted, counted so the benchmark can say how many it expects to be found. */
export interface Planted {
  latestTag: number;
  noResources: number;
  privileged: number;
  plaintextSecretEnv: number;
  serviceSelectorNoMatch: number;
  ingressMissingService: number;
  unknownField: number;
}

/** Where one mistake was planted: the object (kind and name are unique in a corpus) and its file. */
export interface PlantSite {
  mistake: keyof Planted;
  kind: string;
  name: string;
  /** Relative to the corpus directory. */
  file: string;
}

/**
 * `plain` and `anchors`: the realistic corpus in two YAML styles. `findings`: a worst case for output size, every
 * object a Deployment that misses resources, probes, a security context and replicas (13 findings each).
 */
export type CorpusStyle = 'plain' | 'anchors' | 'findings';

export interface Generated {
  dir: string;
  files: number;
  objects: number;
  planted: Planted;
  /** Every planted mistake with its object, so a tool's findings can be matched object by object. */
  sites: PlantSite[];
}

const IMAGES = [
  'nginx',
  'redis',
  'postgres',
  'busybox',
  'envoyproxy/envoy',
  'grafana/grafana',
  'prom/prometheus',
];
const TEAMS = ['payments', 'search', 'checkout', 'catalog', 'identity', 'billing', 'media', 'growth'];

export function generate(dir: string, objects: number, seed = 42, style: CorpusStyle = 'plain'): Generated {
  if (style === 'findings') return generateUnhardened(dir, objects, seed);
  const random = rng(seed ^ objects);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number) => random() < p;
  const planted: Planted = {
    latestTag: 0,
    noResources: 0,
    privileged: 0,
    plaintextSecretEnv: 0,
    serviceSelectorNoMatch: 0,
    ingressMissingService: 0,
    unknownField: 0,
  };
  const sites: PlantSite[] = [];
  // The object being built, so a mistake planted deep inside it can name it.
  let current = { kind: '', name: '', file: '' };
  const plant = (mistake: keyof Planted) => {
    planted[mistake]++;
    sites.push({ mistake, ...current });
  };
  rmSync(dir, { recursive: true, force: true });
  const files = Math.ceil(objects / OBJECTS_PER_FILE);
  let written = 0;
  for (let i = 0; i < files; i++) {
    const team = TEAMS[i % TEAMS.length]!;
    const namespace = `${team}-${Math.floor(i / 40)}`;
    const app = `${team}-svc-${i}`;
    const labels = { 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': team };
    const want = Math.min(OBJECTS_PER_FILE, objects - written);
    const docs: Obj[] = [];
    const kind = pick(['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'CronJob', 'DaemonSet']);
    const file = relativeFile(i);
    current = { kind, name: app, file };
    docs.push(workload(kind, app, namespace, labels));
    // The other kinds plant only at the top level and are named after the app.
    current = { kind: '', name: app, file };
    const extras: (() => Obj)[] = [
      () => service(app, namespace, labels),
      () => configMap(app, namespace),
      () => ingress(app, namespace),
      () => hpa(app, namespace, kind),
      () => pdb(app, namespace, labels),
      () => networkPolicy(app, namespace, labels),
      () => serviceAccount(app, namespace),
      () => secret(app, namespace),
      () => role(app, namespace),
    ];
    // Service first (most apps have one), then a seeded choice of the rest.
    if (kind !== 'CronJob') docs.push(extras[0]!());
    // Only Deployments and StatefulSets scale, and a CronJob has no Service for an Ingress: anything else
    // would be a mistake nobody planted.
    const optional = extras
      .slice(1)
      .filter(
        (_, j) =>
          (j !== 2 || kind === 'Deployment' || kind === 'StatefulSet') && (j !== 1 || kind !== 'CronJob'),
      );
    // Distinct kinds: two objects of one kind and name would be a duplicate nobody planted.
    while (docs.length < want && optional.length > 0) {
      const [make] = optional.splice(Math.floor(random() * optional.length), 1);
      docs.push(make!());
    }
    docs.length = want;
    written += want;
    const emit = style === 'anchors' ? toDumperYaml : (doc: Obj) => toYaml(doc);
    writeFile(dir, i, docs.map(emit).join('---\n'));
  }
  return { dir, files, objects: written, planted, sites };

  function container(name: string): Obj {
    const c: Obj = {
      name,
      image: `${pick(IMAGES)}:${1 + Math.floor(random() * 9)}.${Math.floor(random() * 30)}.${Math.floor(random() * 10)}`,
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      env: [
        { name: 'LOG_LEVEL', value: pick(['info', 'debug', 'warn']) },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${name}-db`, key: 'password' } } },
      ],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 10 },
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 20 },
      securityContext: {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      },
    };
    if (chance(0.04)) {
      c.image = `${pick(IMAGES)}:latest`;
      plant('latestTag');
    }
    if (chance(0.03)) {
      delete c.resources;
      plant('noResources');
    }
    if (chance(0.02)) {
      c.securityContext = { privileged: true };
      plant('privileged');
    }
    if (chance(0.02)) {
      (c.env as Obj[]).push({ name: 'API_TOKEN', value: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' });
      plant('plaintextSecretEnv');
    }
    if (c.resources && chance(0.01)) {
      // "bad indentation": a container field written one level too deep, under resources.
      (c.resources as Obj).imagePullPolicy = 'Always';
      plant('unknownField');
    }
    return c;
  }

  function podSpec(name: string): Obj {
    const spec: Obj = {
      serviceAccountName: name,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [container(name)],
    };
    if (chance(0.3)) (spec.containers as Obj[]).push(container(`${name}-sidecar`));
    return spec;
  }

  function workload(kind: string, name: string, namespace: string, labels: Record<string, string>): Obj {
    const metadata = { name, namespace, labels };
    const template = { metadata: { labels }, spec: podSpec(name) };
    switch (kind) {
      case 'CronJob':
        return {
          apiVersion: 'batch/v1',
          kind,
          metadata,
          spec: {
            schedule: `${Math.floor(random() * 60)} * * * *`,
            jobTemplate: {
              spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'OnFailure' } } },
            },
          },
        };
      case 'DaemonSet':
        return {
          apiVersion: 'apps/v1',
          kind,
          metadata,
          spec: { selector: { matchLabels: labels }, template },
        };
      case 'StatefulSet':
        return {
          apiVersion: 'apps/v1',
          kind,
          metadata,
          spec: {
            serviceName: name,
            replicas: 3,
            selector: { matchLabels: labels },
            template,
            volumeClaimTemplates: [
              {
                metadata: { name: 'data' },
                spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
              },
            ],
          },
        };
      default:
        return {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata,
          spec: { replicas: 1 + Math.floor(random() * 4), selector: { matchLabels: labels }, template },
        };
    }
  }

  function service(name: string, namespace: string, labels: Record<string, string>): Obj {
    let selector: Record<string, string> = labels;
    if (chance(0.03)) {
      selector = { ...labels, 'app.kubernetes.io/name': `${name}-typo` };
      current = { ...current, kind: 'Service' };
      plant('serviceSelectorNoMatch');
    }
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace, labels },
      spec: { selector, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
    };
  }

  function configMap(name: string, namespace: string): Obj {
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-config`, namespace },
      data: { 'app.properties': `feature.x=${chance(0.5)}\nthreads=${1 + Math.floor(random() * 16)}\n` },
    };
  }

  function ingress(name: string, namespace: string): Obj {
    let backend = name;
    if (chance(0.05)) {
      backend = `${name}-gone`;
      current = { ...current, kind: 'Ingress' };
      plant('ingressMissingService');
    }
    return {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name, namespace },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: [`${name}.example.com`], secretName: `${name}-tls` }],
        rules: [
          {
            host: `${name}.example.com`,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: backend, port: { name: 'http' } } },
                },
              ],
            },
          },
        ],
      },
    };
  }

  function hpa(name: string, namespace: string, kind: string): Obj {
    return {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name, namespace },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: kind === 'StatefulSet' ? kind : 'Deployment', name },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
          },
        ],
      },
    };
  }

  function pdb(name: string, namespace: string, labels: Record<string, string>): Obj {
    return {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, namespace },
      spec: {
        maxUnavailable: 1,
        selector: { matchLabels: labels },
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    };
  }

  function networkPolicy(name: string, namespace: string, labels: Record<string, string>): Obj {
    return {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace },
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress' } } }] },
        ],
        egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: 'UDP' }] }],
      },
    };
  }

  function serviceAccount(name: string, namespace: string): Obj {
    return {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace },
      automountServiceAccountToken: false,
    };
  }

  function secret(name: string, namespace: string): Obj {
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `${name}-db`, namespace },
      type: 'Opaque',
      data: { password: Buffer.from(`pw-${Math.floor(random() * 1e9)}`).toString('base64') },
    };
  }

  function role(name: string, namespace: string): Obj {
    return {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name, namespace },
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }],
    };
  }
}

/** Deployments with nothing set but a name, labels and a pinned image: each breaks 13 default checks. */
function generateUnhardened(dir: string, objects: number, seed: number): Generated {
  const random = rng(seed ^ objects);
  rmSync(dir, { recursive: true, force: true });
  const files = Math.ceil(objects / OBJECTS_PER_FILE);
  let written = 0;
  for (let i = 0; i < files; i++) {
    const docs: Obj[] = [];
    for (let j = 0; j < OBJECTS_PER_FILE && written < objects; j++, written++) {
      const name = `app-${written}`;
      const labels = { app: name };
      docs.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: `team-${i % 50}` },
        spec: {
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                { name: 'app', image: `registry.example/${name}:1.${Math.floor(random() * 30)}.0` },
              ],
            },
          },
        },
      });
    }
    writeFile(dir, i, docs.map((doc) => toYaml(doc)).join('---\n'));
  }
  const planted: Planted = {
    latestTag: 0,
    noResources: 0,
    privileged: 0,
    plaintextSecretEnv: 0,
    serviceSelectorNoMatch: 0,
    ingressMissingService: 0,
    unknownField: 0,
  };
  return { dir, files, objects: written, planted, sites: [] };
}

/** 100 files to a folder, like a repository of services. */
function relativeFile(i: number): string {
  return `group-${String(Math.floor(i / 100)).padStart(3, '0')}/app-${String(i).padStart(5, '0')}.yaml`;
}

function writeFile(dir: string, i: number, text: string): void {
  if (i % 100 === 0) mkdirSync(join(dir, relativeFile(i), '..'), { recursive: true });
  writeFileSync(join(dir, relativeFile(i)), text);
}

/** A small YAML emitter for the plain data above (block style, quoted strings where needed). */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]\n';
    return value
      .map((item) => {
        const body = toYaml(item, `${indent}  `);
        return isBlock(item) ? `${indent}- ${body.slice(indent.length + 2)}` : `${indent}- ${body}`;
      })
      .join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Obj);
    if (entries.length === 0) return '{}\n';
    return entries
      .map(([key, v]) =>
        isBlock(v)
          ? `${indent}${scalar(key)}:\n${toYaml(v, `${indent}  `)}`
          : `${indent}${scalar(key)}: ${toYaml(v)}`,
      )
      .join('');
  }
  return `${scalar(value)}\n`;
}

/**
 * YAML as PyYAML's `yaml.dump_all` writes it: keys sorted, block style, sequences not indented under their key,
 * and every map or list reached twice in one document anchored at its first use (&id001) and aliased after.
 */
export function toDumperYaml(document: unknown): string {
  const seen = new Map<object, number>();
  const count = (value: unknown) => {
    if (value === null || typeof value !== 'object') return;
    const times = (seen.get(value) ?? 0) + 1;
    seen.set(value, times);
    if (times === 1) for (const child of Object.values(value)) count(child);
  };
  count(document);
  const anchors = new Map<object, string>();
  let next = 1;
  /** The text after `key:` or `- `: an alias, or an anchor before a block (`&id001` then the block on its own lines). */
  const node = (value: unknown, indent: string, inSequence: boolean): string => {
    if (value === null || typeof value !== 'object') return ` ${scalar(value)}\n`;
    const alias = anchors.get(value);
    if (alias) return ` *${alias}\n`;
    let anchor = '';
    if ((seen.get(value) ?? 0) > 1) {
      const name = `id${String(next++).padStart(3, '0')}`;
      anchors.set(value, name);
      anchor = ` &${name}`;
    }
    if (!isBlock(value)) return `${anchor} ${Array.isArray(value) ? '[]' : '{}'}\n`;
    // A map item of a sequence starts on the dash's line unless it carries an anchor.
    if (inSequence && !anchor && !Array.isArray(value))
      return ` ${block(value, `${indent}  `).slice(indent.length + 2)}`;
    return `${anchor}\n${block(value, Array.isArray(value) && !inSequence ? indent : `${indent}  `)}`;
  };
  const block = (value: object, indent: string): string => {
    if (Array.isArray(value)) return value.map((item) => `${indent}-${node(item, indent, true)}`).join('');
    return Object.keys(value)
      .sort()
      .map((key) => `${indent}${scalar(key)}:${node((value as Obj)[key], indent, false)}`)
      .join('');
  };
  return block(document as object, '');
}

function isBlock(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== null && typeof value === 'object' && Object.keys(value).length > 0;
}

function scalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const s = String(value);
  if (s.includes('\n')) return JSON.stringify(s);
  return /^[A-Za-z_/.][\w./-]*$/.test(s) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(s)
    ? s
    : JSON.stringify(s);
}

/** Reuses an existing corpus when it was made by this generator with the same size and seed. */
export function ensureCorpus(
  root: string,
  objects: number,
  seed = 42,
  style: CorpusStyle = 'plain',
): Generated {
  const dir = join(root, style === 'plain' ? `objects-${objects}` : `objects-${style}-${objects}`);
  const stampFile = join(dir, '.generated.stamp');
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Generated & {
      version: number;
      seed: number;
    };
    if (stamp.version === GENERATOR_VERSION && stamp.seed === seed && stamp.objects === objects) return stamp;
  } catch {
    // not there yet
  }
  const generated = generate(dir, objects, seed, style);
  writeFileSync(stampFile, JSON.stringify({ ...generated, version: GENERATOR_VERSION, seed }, null, 2));
  return generated;
}

if (import.meta.main) {
  const objects = Number(process.argv[2] ?? 10_000);
  const out = process.argv[3] ?? join(import.meta.dirname, 'out');
  const style = (process.argv[4] ?? 'plain') as CorpusStyle;
  console.log(JSON.stringify(ensureCorpus(out, objects, 42, style), null, 2));
}
