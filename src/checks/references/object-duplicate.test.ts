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

it('object-duplicate compares files of one directory, not sibling directories', () => {
  const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x}\n';
  const objects = ['env/dev/a.yaml', 'env/prod/a.yaml', 'env/prod/b.yaml'].flatMap(
    (file) => parseManifestText(doc, file).objects,
  );
  const result = runChecks(
    new ObjectIndex(objects, { partial: true }),
    [{ check: objectDuplicate, params: {}, severity: 'high' }],
    { now: new Date() },
  );
  assert.deepEqual(
    result.findings.map((f) => `${f.file}: ${f.message}`),
    ['env/prod/b.yaml: ConfigMap "a" is already defined at env/prod/a.yaml:1'],
  );
});
