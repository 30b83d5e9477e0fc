import assert from 'node:assert/strict';
import { it } from 'node:test';
import { testCheck } from '../../../test/support/check-tester.ts';
import { runChecks } from '../../core/engine.ts';
import { ObjectIndex } from '../../core/index.ts';
import { parseManifestText } from '../../sources/files/parse-yaml.ts';
import { objectDuplicate } from './object-duplicate.ts';

const cm = (name: string, namespace?: string, apiVersion = 'v1') => `---
apiVersion: ${apiVersion}
kind: ConfigMap
metadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}
`;

testCheck(objectDuplicate, {
  valid: [
    { name: 'different names', yaml: cm('a') + cm('b') },
    { name: 'same name in different namespaces', yaml: cm('a', 'x') + cm('a', 'y') },
    {
      name: 'same name, different kinds',
      yaml: `${cm('a')}---\napiVersion: v1\nkind: Secret\nmetadata: {name: a}\n`,
    },
    {
      name: 'generateName objects never collide',
      yaml: '---\napiVersion: batch/v1\nkind: Job\nmetadata: {generateName: run-}\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {generateName: run-}\n',
    },
    {
      name: 'same kind name in different API groups',
      yaml: '---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}\n---\napiVersion: example.com/v1\nkind: Ingress\nmetadata: {name: a}\n',
    },
  ],
  invalid: [
    {
      name: 'twice in one file',
      yaml: cm('a', 'x') + cm('a', 'x'),
      findings: [
        { message: 'ConfigMap "a" is already defined at case.yaml:2', path: 'metadata.name', line: 8 },
      ],
    },
    {
      name: 'versions of one group are one object',
      yaml: '---\napiVersion: apps/v1beta2\nkind: Deployment\nmetadata: {name: a}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n',
      findings: [{ object: 'Deployment/a' }],
    },
    {
      name: 'cluster-scoped kinds ignore the namespace',
      yaml: '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a, namespace: x}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n',
      findings: [
        { message: /defined at case.yaml:2 \(definition 2 of 3\)/ },
        { message: /definition 3 of 3/ },
      ],
    },
  ],
});

function review(files: Record<string, string>, scope?: string) {
  const objects = Object.entries(files).flatMap(([file, text]) =>
    parseManifestText(text, file).objects.map((loaded) =>
      scope && loaded.origin ? { ...loaded, origin: { ...loaded.origin, scope } } : loaded,
    ),
  );
  return runChecks(
    new ObjectIndex(objects, { partial: true }),
    [{ check: objectDuplicate, params: {}, severity: 'high' }],
    { now: new Date() },
  ).findings.map((f) => `${f.severity} ${f.file}: ${f.message}`);
}

const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x}\n';

it('object-duplicate compares files of one directory, not sibling directories; two files are alternatives', () => {
  assert.deepEqual(review({ 'env/dev/a.yaml': doc, 'env/prod/a.yaml': doc, 'env/prod/b.yaml': doc }), [
    'low env/prod/b.yaml: ConfigMap "a" is already defined at env/prod/a.yaml:1: the files look like ' +
      'alternatives to apply one at a time; applied together, the later replaces the earlier',
  ]);
});

it('object-duplicate: two files of one Helm release or Kustomize build are one apply, so it stays high', () => {
  assert.deepEqual(review({ 'chart/templates/a.yaml': doc, 'chart/templates/b.yaml': doc }, 'chart'), [
    'high chart/templates/b.yaml: ConfigMap "a" is already defined at chart/templates/a.yaml:1',
  ]);
});
