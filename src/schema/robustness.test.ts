// Bad input never crashes schema validation: objects and CRDs of any shape are validated or left alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { schemaChecks } from '../checks/schema/index.ts';
import { runChecks } from '../core/engine.ts';
import { ObjectIndex } from '../core/index.ts';
import { deepFreeze, type KubeObject, type LoadedObject, refOf } from '../core/object.ts';

const KINDS: [string, string][] = [
  ['v1', 'Pod'],
  ['apps/v1', 'Deployment'],
  ['v1', 'ConfigMap'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
  ['example.com/v1', 'Widget'],
  ['extensions/v1beta1', 'Ingress'],
  ['batch/v1beta1', 'CronJob'],
];

const json = fc.jsonValue({ maxDepth: 4 });

function loaded(object: Record<string, unknown>): LoadedObject {
  const obj = deepFreeze({ metadata: {}, ...object }) as KubeObject;
  return { object: obj, ref: refOf(obj) };
}

function review(objects: LoadedObject[], kubeVersion?: string) {
  const index = new ObjectIndex(objects, { partial: true });
  const settings = { now: new Date(), ...(kubeVersion ? { kubeVersion } : {}) };
  return runChecks(
    index,
    schemaChecks.map((check) => ({ check, params: {}, severity: check.severity })),
    settings,
  );
}

describe('schema validation robustness', () => {
  it('never crashes on objects of any shape', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        fc.dictionary(fc.constantFrom('spec', 'metadata', 'data', 'status', 'items', 'x'), json),
        fc.constantFrom(undefined, '1.20', '1.25', '1.37', '1.99'),
        ([apiVersion, kind], rest, kubeVersion) => {
          const object: Record<string, unknown> = { ...rest, apiVersion, kind };
          if (
            object.metadata === null ||
            typeof object.metadata !== 'object' ||
            Array.isArray(object.metadata)
          )
            object.metadata = {};
          const result = review([loaded(object)], kubeVersion);
          assert.deepEqual(result.problems, []);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never crashes on CRDs with malformed schemas, and leaves their resources unvalidated or validated', () => {
    const schema = fc.oneof(
      json,
      fc.record({
        type: fc.constantFrom('object', 'string', 5, null),
        properties: fc.oneof(json, fc.dictionary(fc.string(), json)),
        pattern: fc.constantFrom('^[a-z\\-]+$', '(?i)abc', '[', '\\p{L}'),
        required: fc.oneof(json, fc.array(fc.string())),
        'x-kubernetes-int-or-string': fc.boolean(),
        'x-kubernetes-preserve-unknown-fields': fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(schema, json, (openAPIV3Schema, spec) => {
        const crd = loaded({
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          metadata: { name: 'widgets.example.com' },
          spec: {
            group: 'example.com',
            names: { kind: 'Widget', plural: 'widgets' },
            scope: 'Namespaced',
            versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema } }],
          },
        });
        const widget = loaded({
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: { name: 'w' },
          spec,
        });
        const result = review([crd, widget]);
        assert.deepEqual(result.problems, []);
      }),
      { numRuns: 200 },
    );
  });
});
