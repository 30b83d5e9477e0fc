import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { applyEnums, compact, type OpenApiSet, readOpenApi, stripStatusEnums } from './openapi.ts';

describe('OpenAPI documents', () => {
  it('keeps validation keywords and x-kubernetes semantics, sorted; unwraps allOf [$ref]', () => {
    assert.deepEqual(
      compact({
        type: 'object',
        description: 'dropped',
        required: ['containers'],
        properties: {
          securityContext: {
            allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSecurityContext' }],
            default: {},
          },
          containers: {
            type: 'array',
            items: { $ref: '#/definitions/io.k8s.api.core.v1.Container' },
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['name'],
            'x-kubernetes-patch-merge-key': 'name',
          },
          args: { type: 'array', items: { type: 'string', format: '' }, 'x-kubernetes-list-type': 'atomic' },
          raw: { 'x-kubernetes-preserve-unknown-fields': true, 'x-kubernetes-embedded-resource': true },
        },
      }),
      {
        properties: {
          args: { items: { type: 'string' }, type: 'array' },
          containers: {
            items: { $ref: '#/$defs/io.k8s.api.core.v1.Container' },
            type: 'array',
            'x-kubernetes-list-map-keys': ['name'],
            'x-kubernetes-list-type': 'map',
          },
          raw: { 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
          securityContext: { $ref: '#/$defs/io.k8s.api.core.v1.PodSecurityContext' },
        },
        required: ['containers'],
        type: 'object',
      },
    );
  });

  const dir = mkdtempSync(join(tmpdir(), 'shipshape-openapi-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const gvk = (group: string, version: string, kind: string) => ({
    'x-kubernetes-group-version-kind': [{ group, version, kind }],
  });
  const pod = { ...gvk('', 'v1', 'Pod'), type: 'object', properties: { spec: { type: 'object' } } };
  const apiService = { ...gvk('apiregistration.k8s.io', 'v1', 'APIService'), type: 'object' };
  mkdirSync(join(dir, 'api', 'openapi-spec', 'v3'), { recursive: true });
  writeFileSync(
    join(dir, 'api', 'openapi-spec', 'swagger.json'),
    JSON.stringify({
      definitions: {
        'io.k8s.api.core.v1.Pod': pod,
        'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService': apiService,
        'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions': gvk('extensions', 'v1beta1', 'DeleteOptions'),
        'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
      },
    }),
  );
  writeFileSync(
    join(dir, 'api', 'openapi-spec', 'v3', 'api__v1_openapi.json'),
    JSON.stringify({ components: { schemas: { 'io.k8s.api.core.v1.Pod': pod } } }),
  );
  // Not a group-version document: ignored.
  writeFileSync(
    join(dir, 'api', 'openapi-spec', 'v3', 'apis__apps_openapi.json'),
    '{"components":{"schemas":{"x":{}}}}',
  );

  it('reads the v3 documents and adds what only swagger.json lists (not its stale shared option types)', () => {
    const set = readOpenApi(dir);
    assert.equal(set.format, 'v3');
    assert.deepEqual(set.kinds, {
      'apiregistration.k8s.io/v1:APIService': 'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService',
      'v1:Pod': 'io.k8s.api.core.v1.Pod',
    });
    assert.deepEqual(Object.keys(set.definitions), [
      'io.k8s.api.core.v1.Pod',
      'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
      'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService',
    ]);
    assert.deepEqual(set.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'], {
      type: ['string', 'integer', 'null'],
      'x-kubernetes-int-or-string': true,
    });
  });

  it('puts enums on string nodes and reports those it cannot place', () => {
    const set = readOpenApi(dir);
    const misses = applyEnums(
      set,
      new Map([
        ['io.k8s.api.core.v1.Pod', [{ path: ['properties', 'spec'], values: ['x'] }]],
        ['io.k8s.api.core.v1.Missing', [{ path: ['properties', 'a'], values: ['y'] }]],
      ]),
    );
    assert.deepEqual(misses, [
      'io.k8s.api.core.v1.Pod properties/spec',
      'io.k8s.api.core.v1.Missing properties/a',
    ]);
    const withString = readOpenApi(dir);
    (withString.definitions['io.k8s.api.core.v1.Pod']!.properties as Record<string, unknown>).mode = {
      type: 'string',
    };
    assert.deepEqual(
      applyEnums(
        withString,
        new Map([['io.k8s.api.core.v1.Pod', [{ path: ['properties', 'mode'], values: ['A'] }]]]),
      ),
      [],
    );
    assert.deepEqual(
      JSON.stringify(
        (withString.definitions['io.k8s.api.core.v1.Pod']!.properties as Record<string, unknown>).mode,
      ),
      '{"enum":["A"],"type":"string"}',
    );
  });

  it("drops the enums of definitions only a kind's status reaches, also an embedded kind's; a spec field named status keeps its enum", () => {
    const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
    const set: OpenApiSet = {
      format: 'v3',
      kinds: { 'v1:PersistentVolumeClaim': 'PVC', 'apps/v1:StatefulSet': 'StatefulSet' },
      definitions: {
        PVC: { properties: { spec: ref('PVCSpec'), status: ref('PVCStatus') }, type: 'object' },
        PVCSpec: { properties: { accessModes: { items: { enum: ['ReadWriteOnce'], type: 'string' } } } },
        PVCStatus: {
          properties: {
            accessModes: { items: { enum: ['ReadWriteOnce'], type: 'string' } },
            phase: { enum: ['Bound'], type: 'string' },
            modify: ref('ModifyStatus'),
          },
        },
        ModifyStatus: { properties: { status: { enum: ['Pending'], type: 'string' } } },
        StatefulSet: { properties: { spec: ref('StatefulSetSpec') } },
        StatefulSetSpec: {
          properties: { volumeClaimTemplates: { items: ref('PVC'), type: 'array' }, rule: ref('Rule') },
        },
        // A property called status that is not an object's status (PodFailurePolicyOnPodConditionsPattern).
        Rule: { properties: { status: { enum: ['True', 'False'], type: 'string' } } },
      },
    };
    assert.deepEqual(stripStatusEnums(set).sort(), ['ModifyStatus', 'PVCStatus']);
    assert.deepEqual(set.definitions.PVCStatus, {
      properties: {
        accessModes: { items: { type: 'string' } },
        phase: { type: 'string' },
        modify: ref('ModifyStatus'),
      },
    });
    assert.deepEqual(set.definitions.Rule, {
      properties: { status: { enum: ['True', 'False'], type: 'string' } },
    });
    assert.deepEqual(set.definitions.PVCSpec, {
      properties: { accessModes: { items: { enum: ['ReadWriteOnce'], type: 'string' } } },
    });
  });
});
