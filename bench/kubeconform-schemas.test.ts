import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { convertVersion, refTarget, standalone } from './kubeconform-schemas.ts';

const SHARED = '/api/_definitions.json#/$defs/';

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refs(item, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

test('refTarget reads both the shared and the local reference forms, and nothing else', () => {
  assert.equal(refTarget(`${SHARED}io.k8s.api.core.v1.PodSpec`), 'io.k8s.api.core.v1.PodSpec');
  assert.equal(refTarget('#/$defs/io.k8s.api.core.v1.Container'), 'io.k8s.api.core.v1.Container');
  assert.equal(refTarget('https://example.com/other.json#/x'), undefined);
  assert.equal(refTarget('#/definitions/x'), undefined);
});

test('standalone drops $id, copies only the reachable definitions and points every $ref inside the file', () => {
  const definitions = {
    Spec: {
      type: 'object',
      additionalProperties: false,
      properties: { template: { $ref: '#/$defs/Template' } },
    },
    Template: { type: 'object', additionalProperties: false, properties: { n: { type: 'integer' } } },
    Unrelated: { type: 'string' },
  };
  const kind = {
    $id: 'https://kubernetes.io/api/thing/v1',
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: { spec: { $ref: `${SHARED}Spec` } },
  };
  const out = standalone(kind, definitions);
  assert.equal(out.$id, undefined);
  assert.equal(out.$schema, kind.$schema);
  assert.equal(out.additionalProperties, false);
  assert.deepEqual(Object.keys(out.$defs as object).sort(), ['Spec', 'Template']);
  assert.deepEqual(refs(out).sort(), ['#/$defs/Spec', '#/$defs/Template']);
  assert.equal(
    (out.$defs as Record<string, { additionalProperties: boolean }>).Spec!.additionalProperties,
    false,
  );
  // The input is not modified.
  assert.equal(kind.properties.spec.$ref, `${SHARED}Spec`);
});

test('standalone terminates on recursive definitions and keeps them as local references', () => {
  const definitions = {
    Props: {
      type: 'object',
      properties: { items: { $ref: '#/$defs/Props' }, not: { $ref: '#/$defs/Props' } },
    },
  };
  const out = standalone({ properties: { schema: { $ref: `${SHARED}Props` } } }, definitions);
  assert.deepEqual(Object.keys(out.$defs as object), ['Props']);
  assert.ok(refs(out).every((r) => r === '#/$defs/Props'));
});

test('standalone refuses a reference to a missing definition or of an unknown form', () => {
  assert.throws(
    () => standalone({ properties: { a: { $ref: `${SHARED}Gone` } } }, {}),
    /missing definition Gone/,
  );
  assert.throws(
    () => standalone({ properties: { a: { $ref: 'https://elsewhere.example/x.json' } } }, {}),
    /unsupported \$ref/,
  );
});

test('convertVersion writes one file per kind (schemas with a group-version-kind) and skips the rest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kc-schemas-'));
  try {
    const src = join(dir, 'v1.0.0-local-strict');
    mkdirSync(src);
    writeFileSync(join(src, '_definitions.json'), JSON.stringify({ $defs: { S: { type: 'string' } } }));
    writeFileSync(join(src, 'all.json'), JSON.stringify({ oneOf: [{ $ref: `${SHARED}S` }] }));
    writeFileSync(
      join(src, 'widget-example-v1.json'),
      JSON.stringify({
        $id: 'https://kubernetes.io/api/widget',
        'x-kubernetes-group-version-kind': [{ group: 'example', kind: 'Widget', version: 'v1' }],
        properties: { a: { $ref: `${SHARED}S` } },
      }),
    );
    writeFileSync(join(src, 'widgetspec-example-v1.json'), JSON.stringify({ type: 'object' }));
    const out = join(dir, 'out');
    assert.equal(convertVersion(src, out), 1);
    assert.deepEqual(readdirSync(out), ['widget-example-v1.json']);
    const written = JSON.parse(readFileSync(join(out, 'widget-example-v1.json'), 'utf8'));
    assert.deepEqual(written.$defs, { S: { type: 'string' } });
    assert.equal(written.properties.a.$ref, '#/$defs/S');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// With the real inputs (installed by bench/install-peers.sh), when they are there.
const CACHE = process.env.SHIPSHAPE_BENCH_CACHE ?? join(homedir(), '.cache', 'shipshape-bench');
const REAL = join(CACHE, 'kubernetes-json-schema', 'v1.34.0-local-strict');
const KUBECONFORM = join(CACHE, 'bin', 'kubeconform');

test('real kubernetes-validate schemas convert, and kubeconform validates strictly with them', {
  skip: existsSync(REAL) ? false : `no ${REAL} (bash bench/install-peers.sh)`,
}, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kc-real-'));
  try {
    const out = join(dir, 'v1.34.0-standalone-strict');
    assert.ok(convertVersion(REAL, out) > 100);
    const deployment = JSON.parse(readFileSync(join(out, 'deployment-apps-v1.json'), 'utf8'));
    const defs = deployment.$defs as Record<string, unknown>;
    for (const ref of refs(deployment)) assert.ok(refTarget(ref)! in defs && ref.startsWith('#/$defs/'), ref);
    assert.ok('io.k8s.api.core.v1.PodSpec' in defs);
    if (!existsSync(KUBECONFORM)) {
      t.diagnostic(`kubeconform not installed at ${KUBECONFORM}: validation part skipped`);
      return;
    }
    const manifest = (extra: string) =>
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec:',
        '      containers:',
        '      - name: web',
        '        image: nginx:1.27',
        '        resources:',
        '          requests: {cpu: 100m}',
        extra,
      ].join('\n');
    writeFileSync(join(dir, 'good.yaml'), manifest(''));
    writeFileSync(join(dir, 'bad.yaml'), manifest('          imagePullPolicy: Always'));
    const run = (file: string) =>
      spawnSync(
        KUBECONFORM,
        [
          '-strict',
          '-summary',
          '-kubernetes-version',
          '1.34.0',
          '-schema-location',
          `${dir}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
          join(dir, file),
        ],
        { encoding: 'utf8' },
      );
    const good = run('good.yaml');
    assert.match(good.stdout, /Valid: 1, Invalid: 0, Errors: 0/);
    assert.equal(good.status, 0);
    const bad = run('bad.yaml');
    assert.match(bad.stdout, /additional properties 'imagePullPolicy' not allowed/);
    assert.match(bad.stdout, /Valid: 0, Invalid: 1, Errors: 0/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
