import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import type { LoadedObject } from '../../core/object.ts';
import {
  createAttributor,
  matchSource,
  ORIGIN_ANNOTATION,
  parseOrigin,
  stripOriginText,
  withoutOriginAnnotation,
} from './kustomize-origin.ts';
import { sourcePath } from './kustomize-patches.ts';
import { parseManifestText } from './parse-yaml.ts';

const objects = (text: string): LoadedObject[] => parseManifestText(text, 'x.yaml').objects;
const one = (text: string): LoadedObject => objects(text)[0]!;

describe('parseOrigin', () => {
  it('reads a resource path, a generator and a remote resource', () => {
    assert.deepEqual(parseOrigin('path: ../base/deployment.yaml\n'), { path: '../base/deployment.yaml' });
    assert.deepEqual(
      parseOrigin(
        'configuredIn: overlay/kustomization.yaml\nconfiguredBy:\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n',
      ),
      {
        configuredIn: 'overlay/kustomization.yaml',
        configuredBy: { apiVersion: 'builtin', kind: 'ConfigMapGenerator' },
      },
    );
    assert.deepEqual(parseOrigin('path: app/pod.yaml\nrepo: https://github.com/x/y\nref: v1\n'), {
      path: 'app/pod.yaml',
      repo: 'https://github.com/x/y',
      ref: 'v1',
    });
  });

  it('reads quoted and commented paths as YAML does', () => {
    assert.deepEqual(parseOrigin('path: "base/a b.yaml"\n'), { path: 'base/a b.yaml' });
    assert.deepEqual(parseOrigin("path: 'it''s.yaml'\n"), { path: "it's.yaml" });
    assert.deepEqual(parseOrigin('path: base/x.yaml # from the base\n'), { path: 'base/x.yaml' });
    assert.deepEqual(parseOrigin('path: base/x.yaml'), { path: 'base/x.yaml' });
  });

  it('is undefined for anything else, without throwing', () => {
    for (const value of [
      undefined,
      42,
      '',
      'just text',
      '- a\n- b\n',
      'path: [unclosed\n',
      'path: 7\n',
      {},
    ]) {
      assert.equal(parseOrigin(value), undefined, String(value));
    }
  });
});

describe('stripOriginText', () => {
  it('removes the annotation and the annotations key it was alone in, keeping the plain build lines', () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    config.kubernetes.io/origin: |\n      path: ../base/service.yaml\n  name: web\nspec:\n  type: ClusterIP\n';
    const out = stripOriginText(text);
    assert.equal(
      out.text,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ClusterIP\n',
    );
    assert.equal(out.origin, 'path: ../base/service.yaml\n');
  });

  it('keeps the other annotations', () => {
    const text =
      'kind: Service\nmetadata:\n  annotations:\n    a.example/x: "1"\n    config.kubernetes.io/origin: |\n      configuredIn: kustomization.yaml\n      configuredBy:\n        kind: SecretGenerator\n    z.example/y: "2"\n  name: web\n';
    const out = stripOriginText(text);
    assert.equal(
      out.text,
      'kind: Service\nmetadata:\n  annotations:\n    a.example/x: "1"\n    z.example/y: "2"\n  name: web\n',
    );
    assert.equal(out.origin, 'configuredIn: kustomization.yaml\nconfiguredBy:\n  kind: SecretGenerator\n');
  });

  it('leaves text alone when the line is not metadata.annotations of the object (a ConfigMap holding YAML)', () => {
    const text =
      'kind: ConfigMap\ndata:\n  annotations: |\n    config.kubernetes.io/origin: |\n      path: x\nmetadata:\n  name: c\n';
    assert.deepEqual(stripOriginText(text), { text });
    const nested =
      'kind: ConfigMap\ndata:\n  file: |\n    metadata:\n      annotations:\n        config.kubernetes.io/origin: |\n          path: x\n';
    assert.deepEqual(stripOriginText(nested), { text: nested });
  });
});

describe('withoutOriginAnnotation', () => {
  it('returns a new frozen object without the annotation, dropping annotations when they become empty', () => {
    const loaded = one(
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    ${ORIGIN_ANNOTATION}: "path: a.yaml\\n"\n`,
    );
    const out = withoutOriginAnnotation(loaded);
    assert.equal(out.origin, 'path: a.yaml\n');
    assert.deepEqual(out.loaded.object.metadata, { name: 'web' });
    assert.ok(Object.isFrozen(out.loaded.object) && Object.isFrozen(out.loaded.object.metadata));
    assert.equal(out.loaded.origin, loaded.origin);
    // The parsed object is not modified.
    assert.ok(ORIGIN_ANNOTATION in loaded.object.metadata.annotations!);
  });

  it('keeps other annotations, and returns objects without it untouched', () => {
    const loaded = one(
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    keep: "yes please"\n    ${ORIGIN_ANNOTATION}: "path: a.yaml"\n`,
    );
    assert.deepEqual(withoutOriginAnnotation(loaded).loaded.object.metadata.annotations, {
      keep: 'yes please',
    });
    const plain = one('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n');
    assert.equal(withoutOriginAnnotation(plain).loaded, plain);
  });
});

describe('matchSource', () => {
  const sources = objects(
    [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-worker}',
      'apiVersion: v1\nkind: Service\nmetadata: {name: web}',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: a}',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: b}',
    ].join('\n---\n'),
  );
  const rendered = (kind: string, name: string, namespace?: string) =>
    one(
      `apiVersion: ${kind === 'Deployment' ? 'apps/v1' : 'v1'}\nkind: ${kind}\nmetadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}`,
    );
  const found = (o: LoadedObject) => {
    const m = matchSource(o, sources);
    return m && `${m.ref.kind}/${m.ref.namespace ?? ''}/${m.ref.name}`;
  };

  it('prefers the exact name, then the longest name the rendered name contains, of the same kind', () => {
    assert.equal(found(rendered('Deployment', 'web')), 'Deployment//web');
    assert.equal(found(rendered('Deployment', 'prod-web-worker-v2')), 'Deployment//web-worker');
    assert.equal(found(rendered('Deployment', 'prod-web')), 'Deployment//web');
    assert.equal(found(rendered('Service', 'prod-web-worker')), 'Service//web');
  });

  it('breaks ties by namespace, and finds nothing for another kind or an unrelated name', () => {
    assert.equal(found(rendered('ConfigMap', 'settings', 'b')), 'ConfigMap/b/settings');
    assert.equal(found(rendered('ConfigMap', 'settings', 'a')), 'ConfigMap/a/settings');
    assert.equal(found(rendered('Secret', 'web')), undefined);
    assert.equal(found(rendered('Deployment', 'api')), undefined);
  });
});

describe('sourcePath', () => {
  const source = {
    spec: { containers: [{ name: 'web', image: 'w:1', env: [{ name: 'A', value: '1' }] }], volumes: [] },
  };
  const rendered = {
    spec: {
      containers: [
        { name: 'sidecar', image: 's:latest' },
        { name: 'web', image: 'w:latest', env: [{ name: 'A', value: '2' }] },
      ],
      hostNetwork: true,
    },
  };

  it('follows list items by their merge key, not their index', () => {
    assert.deepEqual(sourcePath(rendered, source, ['spec', 'containers', 1, 'image']), [
      'spec',
      'containers',
      0,
      'image',
    ]);
    assert.deepEqual(sourcePath(rendered, source, ['spec', 'containers', 1, 'env', 0, 'value']), [
      'spec',
      'containers',
      0,
      'env',
      0,
      'value',
    ]);
  });

  it('stops where the overlay added a field or an item', () => {
    assert.deepEqual(sourcePath(rendered, source, ['spec', 'containers', 0, 'image']), [
      'spec',
      'containers',
    ]);
    assert.deepEqual(sourcePath(rendered, source, ['spec', 'hostNetwork']), ['spec']);
    assert.deepEqual(sourcePath(rendered, source, ['spec', 'containers', 1, 'resources', 'limits']), [
      'spec',
      'containers',
      0,
    ]);
    // Items without a merge key keep their index while the source has one.
    assert.deepEqual(sourcePath({ a: [1, 2, 3] }, { a: [1, 2] }, ['a', 1]), ['a', 1]);
    assert.deepEqual(sourcePath({ a: [1, 2, 3] }, { a: [1, 2] }, ['a', 2]), ['a']);
    assert.deepEqual(sourcePath({ a: 1 }, { a: 'x' }, ['a', 'b']), ['a']);
    assert.deepEqual(sourcePath(rendered, source, []), []);
  });
});

describe('createAttributor', () => {
  const top = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-origin-')));
  after(() => rmSync(top, { recursive: true, force: true }));
  mkdirSync(join(top, 'base'));
  mkdirSync(join(top, 'overlay'));
  mkdirSync(join(top, 'build'));
  writeFileSync(
    join(top, 'base/app.yaml'),
    [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: web',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: w:1',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(top, 'overlay/kustomization.yaml'),
    [
      'resources: [../base]',
      'configMapGenerator:',
      '  - name: settings',
      '    literals: [A=1]',
      '  - name: settings-extra',
      '    literals: [B=2]',
      'secretGenerator:',
      '  - name: creds',
      '',
    ].join('\n'),
  );
  const label = (file: string) => `${file} (rendered by kustomize)`;
  const deployment = one(
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: p-web\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers:\n        - name: web\n          image: w:latest\n',
  );

  it('attributes a resource to its file and document, relative like the directory the user passed', () => {
    const dir = relative(process.cwd(), join(top, 'overlay'));
    const attributor = createAttributor({ root: join(top, 'build'), dir, label });
    const at = attributor.attribute(deployment, { path: '../base/app.yaml' })!;
    assert.equal(at.file, `${relative(process.cwd(), join(top, 'base/app.yaml'))} (rendered by kustomize)`);
    assert.equal(at.document, 1);
    const path = ['spec', 'template', 'spec', 'containers', 0, 'image'];
    assert.deepEqual(at.locate(path), { line: 15, column: 11 });
    // hostNetwork exists only after the overlay: its closest ancestor in the base.
    assert.deepEqual(at.locate(['spec', 'template', 'spec', 'hostNetwork']), { line: 12, column: 5 });
    // An absolute directory gives absolute paths.
    const absolute = createAttributor({ root: join(top, 'build'), dir: join(top, 'overlay'), label });
    assert.equal(
      absolute.attribute(deployment, { path: join(top, 'base/app.yaml') })!.file,
      label(join(top, 'base/app.yaml')),
    );
  });

  it('attributes generated objects to the generator entry of their kustomization', () => {
    const attributor = createAttributor({ root: top, dir: join(top, 'overlay'), label });
    const generated = (kind: string, name: string, by: string) =>
      attributor.attribute(one(`apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n`), {
        configuredIn: 'overlay/kustomization.yaml',
        configuredBy: { kind: by },
      });
    const settings = generated('ConfigMap', 'p-settings-5t2k', 'ConfigMapGenerator')!;
    assert.equal(settings.file, label(join(top, 'overlay/kustomization.yaml')));
    assert.deepEqual(settings.locate(['data', 'A']), { line: 3, column: 5 });
    assert.deepEqual(generated('ConfigMap', 'p-settings-extra-9h', 'ConfigMapGenerator')!.locate([]), {
      line: 5,
      column: 5,
    });
    assert.deepEqual(generated('Secret', 'p-creds-x', 'SecretGenerator')!.locate([]), { line: 8, column: 5 });
    // A generator we do not know: the file's start.
    assert.deepEqual(generated('ConfigMap', 'p-other', 'SomePlugin')!.locate([]), { line: 1, column: 1 });
  });

  it('finds nothing for remote resources, missing files and objects not in the file', () => {
    const attributor = createAttributor({ root: join(top, 'build'), dir: join(top, 'overlay'), label });
    assert.equal(
      attributor.attribute(deployment, { path: 'base/app.yaml', repo: 'https://example.com/r', ref: 'v1' }),
      undefined,
    );
    assert.equal(attributor.attribute(deployment, { path: '../base/missing.yaml' }), undefined);
    assert.equal(attributor.attribute(deployment, { configuredIn: '../overlay/missing.yaml' }), undefined);
    const other = one('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n');
    assert.equal(attributor.attribute(other, { path: '../base/app.yaml' }), undefined);
    assert.equal(attributor.attribute(deployment, undefined), undefined);
    assert.equal(attributor.attribute(deployment, {}), undefined);
  });
});
