// Property tests of the file source and the engine over random and mutated YAML: nothing throws, every problem
// names its file and says something, every position is inside the text, no check crashes on odd shapes, and
// positions kept for findings are those of the parser's own syntax tree. Seeded: FUZZ_SEED=<n> to explore.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isMap, isPair, isScalar, isSeq, type Node, parseAllDocuments } from 'yaml';
import { REVIEW_CHECKS } from '../../src/checks/registry.ts';
import type { RunSettings } from '../../src/core/check.ts';
import { emptyConfig } from '../../src/core/config.ts';
import { runChecks, selectChecks } from '../../src/core/engine.ts';
import { ObjectIndex } from '../../src/core/index.ts';
import type { Path } from '../../src/core/path.ts';
import type { Problem } from '../../src/core/problem.ts';
import { parseManifestText, readCarefully } from '../../src/sources/files/parse-yaml.ts';
import { type ReadDocument, readWithEvents } from '../../src/sources/files/read-events.ts';
import { corpusDir } from '../corpus/types.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const FILE = 'fuzz.yaml';
const SETTINGS: RunSettings = {
  now: new Date('2026-11-28T00:00:00Z'),
  kubeVersion: '1.34',
  podSecurityLevel: 'restricted',
};
/** Every review check, off-by-default ones included. */
const ALL = selectChecks(REVIEW_CHECKS, emptyConfig(), SETTINGS, { include: REVIEW_CHECKS.map((c) => c.id) });

const ANCHORED_SEED = `apiVersion: apps/v1
kind: Deployment
metadata:
  labels: &id001
    app.kubernetes.io/name: api
    app.kubernetes.io/part-of: shop
  name: api
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: *id001
  template:
    metadata:
      labels: *id001
    spec:
      containers:
      - env: &id002
        - name: LOG_LEVEL
          value: info
        image: registry.example/api:1.4.0
        name: api
        resources: &id003
          limits: {memory: 256Mi}
          requests: {cpu: 100m, memory: 128Mi}
      - env: *id002
        image: registry.example/api-sidecar:1.4.0
        name: sidecar
        resources: *id003
---
apiVersion: v1
kind: Service
metadata:
  labels: &id001
    app.kubernetes.io/name: api
  name: api
  namespace: shop
spec:
  ports:
  - port: 80
    targetPort: 8080
  selector: *id001
`;

// Our own seed manifests, plus real ones from the peer corpus when it is there.
const OWN_SEEDS = [
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      serviceAccountName: web
      securityContext: {runAsNonRoot: true}
      containers:
        - name: web
          image: registry.example/web:1.2.3
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: PASSWORD
              value: hunter2
          resources:
            requests: {cpu: 100m, memory: 64Mi}
          livenessProbe:
            httpGet: {path: /healthz, port: http}
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
`,
  `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  tls:
    - hosts: [web.example.com]
      secretName: web-tls
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: settings}
    data: {a: "1", b: &b two, c: *b}
  - apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: {name: web}
    spec: {minAvailable: 100%, selector: {matchLabels: {app: web}}}
`,
  `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "61 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          hostNetwork: true
          restartPolicy: OnFailure
          volumes:
            - name: root
              hostPath: {path: /}
          containers:
            - name: job
              image: busybox
              securityContext:
                privileged: true
                capabilities: {add: [SYS_ADMIN]}
              volumeMounts:
                - {name: root, mountPath: /host}
`,
  // As PyYAML's dumper writes a label map used three times (anchors and aliases per document, keys sorted).
  ANCHORED_SEED,
];

function corpusSeeds(): string[] {
  const dir = corpusDir();
  const files = [
    'kube-linter/dangling-service.yml',
    'kube-linter/liveness-port.yml',
    'kube-linter/sensitive-host-mounts.yml',
    'kube-linter/pdb-min-available.yaml',
    'kube-linter/run-as-non-root.yml',
    'kube-linter/access-to-secrets.yml',
    'polaris/insecureCapabilities/failure.yaml',
    'polaris/missingPodDisruptionBudget/success.yaml',
    'polaris/rolebindingClusterAdminRole/failure.yaml',
    'polaris/automountServiceAccountToken/failure.all_true.yaml',
    'kubeconform/valid.yaml',
  ];
  return files
    .map((f) => join(dir, f))
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f, 'utf8'));
}

const SEEDS = [...OWN_SEEDS, ...corpusSeeds()];

type Mutation =
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'swap-lines'; a: number; b: number }
  | { op: 'indent'; line: number; delta: number };

const FRAGMENTS = [
  ':',
  ': ',
  '-',
  '- ',
  ' ',
  '  ',
  '\t',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  '#',
  '|',
  '>-',
  '? ',
  '&a ',
  '*a',
  '<<: *a\n',
  '!!binary ',
  '!!int ',
  '!custom ',
  '%YAML 1.2\n',
  '---\n',
  '...\n',
  '\n',
  '\r\n',
  'null',
  '~',
  '0x1F',
  '.inf',
  '1e400',
  '-0',
  'true',
  'no',
  '2026-11-28',
  '\u0000',
  '\uFEFF',
  '\uD800',
  'é',
  '🚢',
  'kind: List\n',
  'items: 3\n',
  'metadata: []\n',
  'spec: null\n',
  'containers: {}\n',
  'image: 42\n',
  'ports: "80"\n',
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })),
  }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ op: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), line: fc.nat(), delta: fc.integer({ min: -4, max: 4 }) }),
);

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : ('at' in m ? m.at : 0) % (text.length + 1);
  switch (m.op) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'swap-lines': {
      const lines = text.split('\n');
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'indent': {
      const lines = text.split('\n');
      const i = m.line % lines.length;
      const line = lines[i]!;
      lines[i] =
        m.delta >= 0 ? ' '.repeat(m.delta) + line : line.replace(new RegExp(`^ {0,${-m.delta}}`), '');
      return lines.join('\n');
    }
  }
}

const mutated = fc
  .tuple(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([seed, mutations]) => mutations.reduce(mutate, SEEDS[seed]!));

/** Manifests with anchors placed on random collections and scalars and aliases to them placed after. */
const anchored = fc
  .tuple(
    fc.nat({ max: SEEDS.length - 1 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
    fc.array(mutation, { maxLength: 2 }),
  )
  .map(([seed, picks, mutations]) => mutations.reduce(mutate, withAliases(SEEDS[seed]!, picks)));

/** Anchors the n-th `key:` value and turns a later one-line value of the same document into an alias of it. */
function withAliases(text: string, picks: readonly [number, number, number][]): string {
  let out = text;
  picks.forEach(([from, to, style], i) => {
    const values = [...out.matchAll(/^( *(?:- )?)([\w.-]+):( (?![|>])|$)/gm)];
    if (values.length < 2) return;
    const a = values[from % values.length]!;
    const documentEnd = out.indexOf('\n---', a.index);
    const later = values.filter(
      (v) => v.index > a.index && v[3] === ' ' && (documentEnd === -1 || v.index < documentEnd),
    );
    if (later.length === 0) return;
    const b = later[to % later.length]!;
    const name = style % 3 === 0 ? `id${String(i + 1).padStart(3, '0')}` : `a${i}`;
    const aliasAt = b.index + b[0].length;
    const lineEnd = out.indexOf('\n', aliasAt);
    out = `${out.slice(0, aliasAt)}*${name}${out.slice(lineEnd === -1 ? out.length : lineEnd)}`;
    const anchorAt = a.index + a[0].length;
    out = `${out.slice(0, anchorAt)}${a[3] === ' ' ? `&${name} ` : ` &${name}`}${out.slice(anchorAt)}`;
  });
  return out;
}

/** Layers of aliases to aliases ("billion laughs" shapes), some within the expansion limit, some over it. */
const aliasLadder = fc
  .record({
    base: fc.constantFrom('[x]', '{k: v}', 'x', '[]', '{}', '[x, y, z]'),
    widths: fc.array(fc.integer({ min: 0, max: 14 }), { minLength: 1, maxLength: 4 }),
    uses: fc.integer({ min: 0, max: 40 }),
    extraScalar: fc.boolean(),
    flow: fc.boolean(),
    twist: fc.constantFrom('none', 'redefine', 'merge', 'nested'),
  })
  .map(({ base, widths, uses, extraScalar, flow, twist }) => {
    const lines = [`l0: &a0 ${base}`];
    widths.forEach((width, i) => {
      const items = Array.from({ length: width }, () => `*a${i}`);
      if (extraScalar) items.push('s');
      lines.push(
        flow || items.length === 0
          ? `l${i + 1}: &a${i + 1} [${items.join(', ')}]`
          : `l${i + 1}: &a${i + 1}\n${items.map((item) => `  - ${item}`).join('\n')}`,
      );
    });
    const top = `a${widths.length}`;
    if (twist === 'redefine') lines.push(`r: &a0 [${Array(3).fill('q').join(', ')}]`);
    if (twist === 'nested') lines.push(`n: &outer\n  inner: &inner [*a0, *a0]\n  again: *inner`, 'm: *outer');
    lines.push(`use: [${Array.from({ length: uses }, () => `*${top}`).join(', ')}]`);
    if (twist === 'merge') lines.push(`merged:\n  <<: {k: w}\n  own: *a0`);
    return { text: `${lines.join('\n')}\n`, plain: twist !== 'merge' };
  });

/** YAML-flavoured noise: the characters that steer a YAML parser, in random order. */
const noise = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 60 })
  .map((parts) => parts.join(''));

function assertWithin(text: string, where: { line?: number; column?: number }, what: string): void {
  if (where.line === undefined) return;
  // Lines as the parser counts them: \n ends a line (a \r before it belongs to the line).
  const lines = text.split('\n');
  assert.ok(
    Number.isInteger(where.line) && where.line >= 1 && where.line <= lines.length,
    `${what}: line ${where.line} of ${lines.length}`,
  );
  if (where.column === undefined) return;
  const length = lines[where.line - 1]!.length;
  assert.ok(
    Number.isInteger(where.column) && where.column >= 1 && where.column <= length + 1,
    `${what}: column ${where.column} on a line of ${length}`,
  );
}

function assertProblem(text: string, problem: Problem): void {
  assert.equal(problem.file, FILE, `problem without its file: ${JSON.stringify(problem)}`);
  assert.ok(
    typeof problem.message === 'string' && problem.message.trim().length > 0,
    'problem without a message',
  );
  assertWithin(text, problem, `problem "${problem.message}"`);
}

/** The whole pipeline on one text: parse, index, every check. Returns check crashes for the caller to judge. */
function review(text: string): Problem[] {
  const parsed = parseManifestText(text, FILE);
  for (const problem of parsed.problems) assertProblem(text, problem);
  const index = new ObjectIndex(parsed.objects, { partial: true });
  const result = runChecks(index, ALL, SETTINGS);
  for (const problem of result.problems) assertProblem(text, problem);
  for (const finding of result.findings) {
    assert.equal(finding.file, FILE);
    assert.ok(finding.message.length > 0);
    assertWithin(text, finding, `finding ${finding.check}`);
  }
  return result.problems.filter((p) => p.kind === 'check');
}

const options = (runs: number) => ({ seed: SEED, numRuns: runs, endOnFailure: true });

describe('loader fuzz', () => {
  it('seeds are valid manifests that load without problems', () => {
    for (const seed of SEEDS) assert.deepEqual(parseManifestText(seed, FILE).problems, []);
    assert.ok(SEEDS.length >= OWN_SEEDS.length);
  });

  it('random YAML-ish text: never throws, problems name the file, positions inside the text', () => {
    fc.assert(
      fc.property(noise, (text) => {
        review(text);
      }),
      options(RUNS),
    );
  });

  it('mutated manifests: never throws, no check crashes, positions inside the text', () => {
    const crashes: string[] = [];
    fc.assert(
      fc.property(mutated, (text) => {
        for (const crash of review(text)) crashes.push(crash.message);
      }),
      options(RUNS),
    );
    // A check that throws on an odd shape is a bug (it should treat the shape as not applicable).
    assert.deepEqual([...new Set(crashes)], []);
  });

  // The fast event reader may decline any text, but whatever it accepts it must read exactly as the careful one.
  const agreesWithCarefulReader = (text: string) => {
    const fast = readWithEvents(text);
    if (!fast) return;
    const careful = readCarefully(text, FILE);
    assert.deepEqual(careful.problems, [], 'the fast reader accepted text the careful reader rejects');
    // Empty documents are skipped by both (the readers may count a bare "..." differently); the rest must match.
    const present = (documents: readonly ReadDocument[]) => documents.filter((d) => d.value != null);
    const references = present(careful.documents);
    const documents = present(fast);
    assert.equal(documents.length, references.length, 'document count');
    documents.forEach((document, i) => {
      const reference = references[i]!;
      assert.equal(document.index, reference.index, 'document index');
      assert.deepStrictEqual(document.value, reference.value);
      assert.deepStrictEqual(document.positions, reference.positions);
      assert.equal(document.rootAt, reference.rootAt);
    });
  };

  it('fast reader: same values and positions as the careful reader on mutated manifests', () => {
    fc.assert(fc.property(mutated, agreesWithCarefulReader), options(RUNS));
  });

  it('fast reader: same values and positions as the careful reader on random YAML-ish text', () => {
    fc.assert(fc.property(noise, agreesWithCarefulReader), options(RUNS));
  });

  it('fast reader: same values and positions as the careful reader on anchors and aliases', () => {
    fc.assert(fc.property(anchored, agreesWithCarefulReader), options(RUNS));
  });

  // Both readers count alias expansions the same way (alias-limit.ts): a bomb is refused by both, everything the
  // careful reader expands is read in one pass by the fast one.
  it('fast reader: refuses exactly the alias expansions the careful reader refuses', () => {
    fc.assert(
      fc.property(aliasLadder, ({ text, plain }) => {
        const fast = readWithEvents(text);
        const careful = readCarefully(text, FILE);
        const refused = careful.problems.some((p) => /alias/.test(p.message));
        if (refused)
          assert.equal(fast, undefined, 'the fast reader expanded what the careful reader refuses');
        else if (plain && careful.problems.length === 0)
          assert.ok(fast, 'declined an expansion within the limit');
        agreesWithCarefulReader(text);
      }),
      options(RUNS),
    );
  });

  it('fast reader: accepts the seeds, declines what needs the careful reader', () => {
    for (const seed of SEEDS) agreesWithCarefulReader(seed);
    assert.ok(readWithEvents(OWN_SEEDS[0]!), 'a plain manifest takes the fast path');
    assert.ok(readWithEvents(ANCHORED_SEED), 'anchors and aliases take the fast path');
    // 11 × 11 × 11 expansions of the last anchor: over the limit of 1000.
    const bomb = `a: &a [${'x, '.repeat(9)}x]\nb: &b [${'*a, '.repeat(9)}*a]\nc: &c [${'*b, '.repeat(9)}*b]\nd: [${'*c, '.repeat(9)}*c]\n`;
    assert.match(parseManifestText(bomb, FILE).problems[0]?.message ?? '', /too many alias expansions/);
    for (const text of [
      bomb, // a billion laughs: refused by the careful reader, with its message
      'a: &x {b: *x}\n', // an alias inside its own anchor
      'a: *x\n', // an alias to no anchor
      'base: &b {x: 1}\nm:\n  <<: *b\n', // a merge key with aliases: merging re-counts
      '&k a: 1\nb: *k\n', // an anchored key
      'a: !!str 1\n', // explicit tag
      'a: 1\na: 2\n', // duplicate key
      'a: [1\n', // syntax error
      '? [a]\n: 1\n', // a collection as a key
      '~: 1\n', // null key
    ]) {
      assert.equal(readWithEvents(text), undefined, JSON.stringify(text));
    }
    // Found by the fuzz test: a !!binary scalar became a typed array that freezing objects tripped over.
    const binary = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\nbinaryData:\n  x: !!binary aGk=\n';
    assert.equal(parseManifestText(binary, FILE).objects.length, 1);
  });

  it('positions kept for findings equal those of the parser syntax tree', () => {
    fc.assert(
      fc.property(mutated, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (text, picks) => {
        const parsed = parseManifestText(text, FILE);
        if (parsed.objects.length === 0) return;
        const documents = parseAllDocuments(text, { uniqueKeys: true, strict: true });
        if (!Array.isArray(documents)) return;
        for (const pick of picks) {
          const loaded = parsed.objects[pick % parsed.objects.length]!;
          const origin = loaded.origin!;
          const paths = pathsOf(loaded.object);
          const path = paths[pick % paths.length]!;
          const document = documents[origin.document]!;
          // List items live under items[i] of a List document; compared for plain documents only.
          if (isListDocument(document.contents)) continue;
          const expected = referenceLocate(document.contents as Node | null, path, text);
          if (!expected) continue;
          assert.deepEqual(origin.locate(path), expected, `path ${JSON.stringify(path)}`);
        }
      }),
      options(Math.min(RUNS, 200)),
    );
  });
});

/** Every path into a value (objects and arrays), the empty path included; capped for big objects. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (out.length > 400) return out;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) pathsOf(v, [...prefix, i], out);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  // A path that does not exist: positions fall back to the closest ancestor.
  if (prefix.length === 0) out.push(['spec', 'no-such-field', 3]);
  return out;
}

function isListDocument(contents: unknown): boolean {
  if (!isMap(contents)) return false;
  const kind = contents.get('kind');
  return typeof kind === 'string' && kind.endsWith('List');
}

/** The position the file source promised before positions were compacted: walk the parser's nodes. */
function referenceLocate(
  root: Node | null,
  path: Path,
  text: string,
): { line: number; column: number } | undefined {
  if (!root?.range) return undefined;
  // Counted the slow, obvious way (the parser's LineCounter skips lines it recovers over after an error).
  const at = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  };
  let best = at(root.range[0]);
  let node: unknown = root;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) break;
      const range = (pair.key as Node).range;
      if (range) best = at(range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      if (item.range) best = at(item.range[0]);
      node = item;
    } else break;
  }
  return best;
}
