import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundledSchemaSet, bundledVersions, newestBundledVersion, resolveBundledVersion } from './bundled.ts';
import { kubeVersionNote } from './resolve.ts';
import { normalizeSchema, pointerToPath, suggest, validateBuiltin, validateStructural } from './validator.ts';

describe('bundled schemas', () => {
  it('bundles 1.20 to the newest minor, one set per version', () => {
    const versions = bundledVersions();
    assert.equal(versions[0], '1.20');
    assert.equal(newestBundledVersion(), versions[versions.length - 1]);
    assert.ok(bundledSchemaSet('1.30').kinds.has('apps/v1:Deployment'));
    assert.ok(!bundledSchemaSet('1.30').kinds.has('batch/v1beta1:CronJob'));
  });

  it('picks the nearest bundled version when the target has none', () => {
    assert.deepEqual(resolveBundledVersion('1.30'), { version: '1.30', exact: true });
    assert.deepEqual(resolveBundledVersion('1.19'), { version: '1.20', exact: false });
    assert.deepEqual(resolveBundledVersion('1.99'), { version: newestBundledVersion(), exact: false });
    assert.equal(kubeVersionNote('1.30'), undefined);
    assert.match(kubeVersionNote('1.19') ?? '', /nearest bundled version, 1\.20/);
  });
});

describe('validator', () => {
  const set = bundledSchemaSet(newestBundledVersion());

  it('returns undefined for kinds without a schema and never throws on odd shapes', () => {
    assert.equal(validateBuiltin(set, { apiVersion: 'example.com/v1', kind: 'Thing' }), undefined);
    assert.equal(validateBuiltin(set, null), undefined);
    assert.equal(validateBuiltin(set, { apiVersion: 1, kind: [] }), undefined);
    const errors = validateBuiltin(set, { apiVersion: 'v1', kind: 'Pod', metadata: 'x', spec: [1] });
    assert.deepEqual(
      errors?.map((e) => [e.kind, e.path.join('.')]),
      [
        ['type', 'metadata'],
        ['type', 'spec'],
      ],
    );
  });

  it("accepts a map's null value, as the API server does (it stores the zero value), and still checks the others", () => {
    const configMap = (data: unknown) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', labels: { team: null } },
      data,
    });
    assert.deepEqual(validateBuiltin(set, configMap({ 'redis.db': null, port: '6379' })), []);
    assert.deepEqual(
      validateBuiltin(set, configMap({ port: 6379 }))?.map((e) => [e.kind, e.path.join('.')]),
      [['type', 'data.port']],
    );
  });

  it('maps JSON pointers to paths with array indexes as numbers', () => {
    const root = { spec: { containers: [{ name: 'a' }], 'a/b': { '0': 1 } } };
    assert.deepEqual(pointerToPath('/spec/containers/0/name', root), ['spec', 'containers', 0, 'name']);
    assert.deepEqual(pointerToPath('/spec/a~1b/0', root), ['spec', 'a/b', '0']);
    assert.deepEqual(pointerToPath('', root), []);
  });

  it('suggests close field names only', () => {
    assert.equal(suggest('contianers', ['containers', 'volumes']), 'containers');
    assert.equal(suggest('Image', ['image']), 'image');
    assert.equal(suggest('replicas', ['selector', 'template']), undefined);
    assert.equal(suggest('ab', ['ac']), undefined);
  });

  /** A CRD schema with these properties under spec, and a custom resource with that spec. */
  const specSchema = (properties: Record<string, unknown>) => ({
    type: 'object',
    properties: { spec: { type: 'object', properties } },
  });
  const cr = (spec: unknown) => ({ apiVersion: 'x/v1', kind: 'X', metadata: { name: 'n' }, spec });

  it('applies structural-schema semantics to CRD schemas', () => {
    const schema = specSchema({
      port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
      opaque: { type: 'object' },
      maybe: { type: 'string', nullable: true },
    });
    assert.deepEqual(validateStructural(schema, cr({ port: 'http', maybe: null })), []);
    assert.deepEqual(validateStructural(schema, cr({ port: 80 })), []);
    // An object schema without properties prunes every field it is given.
    assert.deepEqual(
      validateStructural(schema, cr({ opaque: { a: 1 } })).map((e) => e.message),
      ['unknown field "spec.opaque.a"'],
    );
    assert.deepEqual(
      validateStructural(schema, cr({ port: true })).map((e) => e.kind),
      ['type'],
    );
  });

  it('reads oneOf/anyOf branches as value validation only: a branch naming some fields does not forbid others', () => {
    // Strimzi's trustedCertificates: secretName and exactly one of certificate or pattern.
    const schema = specSchema({
      certs: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            secretName: { type: 'string' },
            certificate: { type: 'string' },
            pattern: { type: 'string' },
          },
          required: ['secretName'],
          oneOf: [
            { properties: { certificate: {} }, required: ['certificate'] },
            { properties: { pattern: {} }, required: ['pattern'] },
          ],
        },
      },
      // Strimzi's pod volumes: one branch listing the volume sources, none required.
      volumes: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            secret: { type: 'object', properties: { secretName: { type: 'string' } } },
          },
          oneOf: [{ properties: { secret: {}, configMap: {} } }],
        },
      },
    });
    assert.deepEqual(
      validateStructural(
        schema,
        cr({
          certs: [
            { secretName: 'ca', pattern: '*.crt' },
            { secretName: 'ca', certificate: 'ca.crt' },
          ],
          volumes: [{ name: 'certs', secret: { secretName: 'x' } }],
        }),
      ),
      [],
    );
    // Still one of them, exactly: neither, or both, is rejected; and the structural part still prunes.
    assert.deepEqual(
      validateStructural(schema, cr({ certs: [{ secretName: 'ca' }] })).map((e) => e.message),
      ['"spec.certs[0]" matches none of the shapes its schema allows'],
    );
    assert.equal(
      validateStructural(schema, cr({ certs: [{ secretName: 'ca', pattern: 'a', certificate: 'b' }] }))
        .length,
      1,
    );
    assert.deepEqual(
      validateStructural(schema, cr({ volumes: [{ name: 'v', secrett: {} }] })).map((e) => e.message),
      ['unknown field "spec.volumes[0].secrett" (did you mean "secret"?)'],
    );
  });

  it('checks CRD patterns in RE2, in linear time, as the API server does', () => {
    const schema = specSchema({
      // Catastrophic for a backtracking engine: minutes on this 1 MiB value.
      name: { type: 'string', pattern: '^(a+)+$' },
      // RE2 syntax that JavaScript does not have.
      code: { type: 'string', pattern: '(?i)^abc$' },
      // JavaScript syntax that RE2 (and so the API server) does not have: not checked.
      other: { type: 'string', pattern: '^(?=x)' },
    });
    const started = performance.now();
    const errors = validateStructural(schema, cr({ name: `${'a'.repeat(1024 * 1024)}!` }));
    assert.ok(performance.now() - started < 10_000, 'pattern matching is not linear');
    assert.deepEqual(
      errors.map((e) => e.message),
      ['"spec.name" must match pattern "^(a+)+$"'],
    );
    assert.deepEqual(validateStructural(schema, cr({ name: 'aaa', code: 'ABC', other: 'y' })), []);
    assert.deepEqual(
      validateStructural(schema, cr({ code: 'abd' })).map((e) => e.message),
      ['"spec.code" must match pattern "(?i)^abc$"'],
    );
  });

  it('normalizes without touching the input', () => {
    const input = { type: 'object', properties: { a: { type: 'string' } } };
    const copy = structuredClone(input);
    const out = normalizeSchema(input, 'builtin') as Record<string, unknown>;
    assert.deepEqual(input, copy);
    assert.equal(out.additionalProperties, false);
  });

  it('validates 2,000 objects of a compiled kind quickly', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { app: 'x' } },
      spec: { containers: [{ name: 'c', image: 'i:1', resources: { limits: { memory: '1Gi' } } }] },
    };
    validateBuiltin(set, pod);
    const started = performance.now();
    for (let i = 0; i < 2000; i++) assert.deepEqual(validateBuiltin(set, pod), []);
    assert.ok(performance.now() - started < 2000);
  });
});
