// readClusterSchemas over hand-written OpenAPI v3 documents (a stub getter, no HTTP): the documents' shape is the
// API server's (components.schemas, $ref to #/components/schemas, x-kubernetes-group-version-kind, enums).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateBuiltin } from '../../schema/validator.ts';
import { type JsonGetter, readClusterSchemas } from './openapi.ts';

const meta = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

const documents: Record<string, unknown> = {
  '/version': { major: '1', minor: '34', gitVersion: 'v1.34.2' },
  '/openapi/v3': {
    paths: {
      'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=A' },
      'apis/example.com/v1': { serverRelativeURL: '/openapi/v3/apis/example.com/v1?hash=B' },
      apis: { serverRelativeURL: '/openapi/v3/apis?hash=C' },
    },
  },
  '/openapi/v3/api/v1?hash=A': {
    components: {
      schemas: {
        'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': meta,
        'io.k8s.api.core.v1.ConfigMap': {
          type: 'object',
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            metadata: {
              allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
              default: {},
            },
            data: { type: 'object', additionalProperties: { type: 'string', default: '' } },
            policy: { type: 'string', enum: ['Always', 'Never'] },
          },
          'x-kubernetes-group-version-kind': [{ group: '', kind: 'ConfigMap', version: 'v1' }],
        },
      },
    },
  },
  '/openapi/v3/apis/example.com/v1?hash=B': {
    components: {
      schemas: {
        'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': meta,
        'com.example.v1.Widget': {
          type: 'object',
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            metadata: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
            spec: { type: 'object', properties: { size: { type: 'integer', format: 'int32' } } },
          },
          'x-kubernetes-group-version-kind': [{ group: 'example.com', kind: 'Widget', version: 'v1' }],
        },
      },
    },
  },
};

const stub: JsonGetter = {
  server: 'https://127.0.0.1:6443',
  async getJson(path: string) {
    if (!(path in documents)) throw new Error(`unexpected GET ${path}`);
    return documents[path];
  },
};

describe('cluster OpenAPI v3 schemas', () => {
  it('reads the version, every group-version document, and the kinds they define', async () => {
    const schemas = await readClusterSchemas(stub);
    assert.equal(schemas.version, '1.34');
    assert.deepEqual([...schemas.set.kinds.keys()].sort(), ['example.com/v1:Widget', 'v1:ConfigMap']);
    assert.match(schemas.set.label, /Kubernetes 1\.34/);
  });

  it('validates built-in and custom kinds strictly, with the enums only the live schema has', async () => {
    const { set } = await readClusterSchemas(stub);
    const configMap = (extra: Record<string, unknown>) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', labels: { a: 'b' } },
      ...extra,
    });
    assert.deepEqual(validateBuiltin(set, configMap({ data: { a: 'b' }, policy: 'Always' })), []);
    assert.deepEqual(
      validateBuiltin(set, configMap({ policy: 'Sometimes', dta: {} }))?.map((e) => [
        e.kind,
        e.path.join('.'),
      ]),
      [
        ['unknown-field', 'dta'],
        ['value', 'policy'],
      ],
    );
    const widget = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', nme: 'x' },
      spec: { size: 'big' },
    };
    assert.deepEqual(
      validateBuiltin(set, widget)?.map((e) => [e.kind, e.path.join('.')]),
      [
        ['unknown-field', 'metadata.nme'],
        ['type', 'spec.size'],
      ],
    );
  });

  it('fails clearly when the server does not report its version', async () => {
    const broken: JsonGetter = { getJson: async () => ({}) };
    await assert.rejects(readClusterSchemas(broken), /did not report its version/);
  });
});
