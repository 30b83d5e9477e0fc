import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject, LoadedObject } from '../../core/object.ts';
import { refOf } from '../../core/object.ts';
import {
  appliesTo,
  contains,
  type Patch,
  patchingKustomizations,
  placeInPatches,
  readPatches,
  sameShape,
} from './kustomize-patches.ts';

const FILES: Record<string, string> = {
  '/k/overlay/kustomization.yaml': [
    'resources: [../base]', // 1
    'patches:', // 2
    '  - path: replicas.yaml', // 3
    '  - target:', // 4
    '      kind: Deployment', // 5
    '      name: web', // 6
    '    patch: |-', // 7
    '      - op: replace', // 8
    '        path: /spec/template/spec/containers/0/image', // 9
    '        value: registry.example.com/web:latest', // 10
    '      - op: remove', // 11
    '        path: /spec/template/spec/containers/0/resources', // 12
    '  - patch: |-', // 13
    '      apiVersion: apps/v1', // 14
    '      kind: Deployment', // 15
    '      metadata:', // 16
    '        name: web', // 17
    '      spec:', // 18
    '        template:', // 19
    '          spec:', // 20
    '            hostNetwork: true', // 21
    '            containers:', // 22
    '              - name: sidecar', // 23
    '                image: registry.example.com/sidecar:1.0', // 24
    'patchesStrategicMerge:', // 25
    '  - |-', // 26
    '    apiVersion: apps/v1', // 27
    '    kind: Deployment', // 28
    '    metadata:', // 29
    '      name: web', // 30
    '    spec:', // 31
    '      minReadySeconds: 5', // 32
    'patchesJson6902:', // 33
    '  - target: {group: apps, version: v1, kind: Deployment, name: web}', // 34
    '    path: json-patch.yaml', // 35
    '',
  ].join('\n'),
  '/k/overlay/replicas.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n',
  '/k/overlay/json-patch.yaml':
    '- op: add\n  path: /spec/template/spec/securityContext\n  value:\n    runAsUser: 0\n',
};
const read = (file: string) => FILES[file];

function loaded(object: Record<string, unknown>): LoadedObject {
  const o = object as unknown as KubeObject;
  return { object: o, ref: refOf(o) };
}

const base = loaded({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [{ name: 'web', image: 'registry.example.com/web:2.1.0', resources: { limits: {} } }],
      },
    },
  },
});
const rendered = loaded({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'prod-web', namespace: 'prod', labels: { app: 'web' } },
  spec: {
    replicas: 1,
    minReadySeconds: 5,
    template: {
      spec: {
        hostNetwork: true,
        securityContext: { runAsUser: 0 },
        containers: [
          { name: 'web', image: 'registry.example.com/web:latest' },
          { name: 'sidecar', image: 'registry.example.com/sidecar:1.0' },
        ],
      },
    },
  },
});

const patches = readPatches('/k/overlay/kustomization.yaml', read);
const label = (file: string) => `${file} (rendered by kustomize)`;
/** Where a finding on `path` is placed, as file:line:column, or "base" when no patch set it. */
function placed(path: (string | number)[], baseDepth: number, list: readonly Patch[] = patches): string {
  const at = placeInPatches(list, rendered.object, path, baseDepth, (f) => label(f));
  return at ? `${at.file.replace(' (rendered by kustomize)', '')}:${at.line}:${at.column}` : 'base';
}

describe('readPatches', () => {
  it('reads every kind of patch entry in order, with its type and target', () => {
    assert.deepEqual(
      patches.map((p) => `${p.type} ${p.file} ${p.target?.kind}/${p.target?.name}`),
      [
        'strategic /k/overlay/replicas.yaml Deployment/web',
        'json6902 /k/overlay/kustomization.yaml Deployment/web',
        'strategic /k/overlay/kustomization.yaml Deployment/web',
        'strategic /k/overlay/kustomization.yaml Deployment/web',
        'json6902 /k/overlay/json-patch.yaml Deployment/web',
      ],
    );
  });

  it('places inline patches at their lines in the kustomization (block scalar lines are file lines)', () => {
    assert.deepEqual(patches[1]!.locate([0, 'value']), { line: 10, column: 9 });
    assert.deepEqual(patches[2]!.locate(['spec', 'template', 'spec', 'hostNetwork']), {
      line: 21,
      column: 13,
    });
    assert.deepEqual(patches[3]!.locate(['spec', 'minReadySeconds']), { line: 32, column: 7 });
  });

  it('a kustomization it cannot read or parse has no patches', () => {
    assert.deepEqual(readPatches('/nowhere/kustomization.yaml', read), []);
    assert.deepEqual(
      readPatches('/x/kustomization.yaml', () => 'patches: [unclosed'),
      [],
    );
  });
});

describe('patchingKustomizations', () => {
  it('lists the kustomizations whose patch transformers ran, once each, in order', () => {
    const annotation = [
      '- configuredIn: ../mid/kustomization.yaml',
      '  configuredBy: {apiVersion: builtin, kind: PatchTransformer}',
      '- configuredIn: ../mid/kustomization.yaml',
      '  configuredBy: {apiVersion: builtin, kind: PrefixTransformer}',
      '- configuredIn: kustomization.yaml',
      '  configuredBy: {apiVersion: builtin, kind: PatchStrategicMergeTransformer}',
      '- configuredIn: ../mid/kustomization.yaml',
      '  configuredBy: {apiVersion: builtin, kind: PatchJson6902Transformer}',
    ].join('\n');
    assert.deepEqual(patchingKustomizations(annotation), ['../mid/kustomization.yaml', 'kustomization.yaml']);
    assert.deepEqual(patchingKustomizations(undefined), []);
    assert.deepEqual(patchingKustomizations('not: a list'), []);
  });
});

describe('appliesTo', () => {
  it('an SMP document applies by kind and a name between the source name and the rendered one', () => {
    assert.ok(appliesTo(patches[0]!, rendered, base));
    const other = readPatches('/x/kustomization.yaml', (f) =>
      f === '/x/kustomization.yaml'
        ? 'patches:\n  - patch: |-\n      kind: Deployment\n      metadata: {name: web-canary}\n      spec: {replicas: 1}\n'
        : undefined,
    );
    assert.equal(appliesTo(other[0]!, rendered, base), false, 'web-canary is not web');
    const service = loaded({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'prod-web' } });
    assert.equal(appliesTo(patches[0]!, service, service), false, 'another kind');
  });

  it('a target applies by its regular expressions, group, version and label selector', () => {
    const make = (target: string) =>
      readPatches('/t/kustomization.yaml', (f) =>
        f === '/t/kustomization.yaml'
          ? `patches:\n  - target: ${target}\n    patch: '[{"op": "add", "path": "/spec/paused", "value": true}]'\n`
          : undefined,
      )[0]!;
    assert.ok(appliesTo(make('{kind: Deployment, name: "w.*"}'), rendered, base));
    assert.ok(
      appliesTo(make('{group: apps, version: v1, labelSelector: "app=web,tier notin (db)"}'), rendered, base),
    );
    assert.equal(appliesTo(make('{kind: Deployment, name: "api.*"}'), rendered, base), false);
    assert.equal(appliesTo(make('{group: batch}'), rendered, base), false);
    assert.equal(appliesTo(make('{labelSelector: "app in (api)"}'), rendered, base), false);
    assert.equal(appliesTo(make('{namespace: staging}'), rendered, base), false);
  });
});

describe('placeInPatches', () => {
  const image = ['spec', 'template', 'spec', 'containers', 0, 'image'];
  it('a field the patch sets to the rendered value: the patch line (the last patch that did)', () => {
    assert.equal(placed(['spec', 'replicas'], 2), '/k/overlay/replicas.yaml:6:3');
    assert.equal(placed(image, 6), '/k/overlay/kustomization.yaml:10:9');
    assert.equal(placed(['spec', 'minReadySeconds'], 1), '/k/overlay/kustomization.yaml:32:7');
  });

  it('a field inside what a patch added (the base has no such part): the patch line of the deepest part', () => {
    assert.equal(
      placed(['spec', 'template', 'spec', 'hostNetwork'], 3),
      '/k/overlay/kustomization.yaml:21:13',
    );
    const sidecar = ['spec', 'template', 'spec', 'containers', 1];
    assert.equal(placed([...sidecar, 'image'], 4), '/k/overlay/kustomization.yaml:24:17');
    assert.equal(placed([...sidecar, 'securityContext'], 4), '/k/overlay/kustomization.yaml:23:17');
    const security = ['spec', 'template', 'spec', 'securityContext', 'runAsUser'];
    assert.equal(placed(security, 3), '/k/overlay/json-patch.yaml:4:5');
  });

  it("a part a patch created stays the patch's when a later transformer rewrote a value in it (vars in args)", () => {
    // kubernetes-sigs/kustomize examples/wordpress: the patch adds an init container whose args name $(VARS).
    const patches = readPatches('/w/kustomization.yaml', (f) =>
      f === '/w/kustomization.yaml'
        ? [
            'patches:',
            '  - patch: |-',
            '      kind: Deployment',
            '      metadata: {name: web}',
            '      spec:',
            '        template:',
            '          spec:',
            '            initContainers:',
            '              - name: init',
            '                image: debian',
            '                args: ["echo $(DB_SERVICE)"]',
            '',
          ].join('\n')
        : undefined,
    );
    const rendered = {
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        template: {
          spec: {
            initContainers: [{ name: 'init', image: 'debian', args: ['echo demo-db'] }],
            containers: [],
          },
        },
      },
    };
    const init = ['spec', 'template', 'spec', 'initContainers', 0];
    const at = (path: (string | number)[]) => {
      const p = placeInPatches(patches, rendered, path, 3, (f) => f);
      return p ? `${p.file}:${p.line}` : 'base';
    };
    assert.equal(at(init), '/w/kustomization.yaml:9');
    assert.equal(at([...init, 'securityContext']), '/w/kustomization.yaml:9');
    assert.equal(at([...init, 'image']), '/w/kustomization.yaml:10');
    assert.equal(at([...init, 'args']), '/w/kustomization.yaml:9', 'not the args line: vars rewrote them');
  });

  it('a field the base sets, or a part the base has that a patch only touches inside, stays at the base', () => {
    assert.equal(placed(['spec', 'template', 'spec', 'containers', 0], 5), 'base');
    assert.equal(placed(['metadata', 'labels'], 2), 'base');
    assert.equal(placed(['metadata'], 1), 'base', 'an SMP names its target in metadata; it does not set it');
    assert.equal(placed(['metadata', 'name'], 2), 'base');
  });

  it('a field a remove operation took away: the operation', () => {
    const resources = ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory'];
    assert.equal(placed(resources, 6), '/k/overlay/kustomization.yaml:12:9');
  });

  it('never a patch whose value is not the rendered one (an outer overlay changed it again)', () => {
    const stale = readPatches('/s/kustomization.yaml', (f) =>
      f === '/s/kustomization.yaml'
        ? 'patches:\n  - patch: |-\n      kind: Deployment\n      metadata: {name: web}\n      spec: {replicas: 7}\n'
        : undefined,
    );
    assert.equal(placed(['spec', 'replicas'], 2, stale), 'base');
  });
});

describe('sameShape', () => {
  it('every key and merge-keyed item the patch gives, whatever the scalar values', () => {
    assert.ok(sameShape({ name: 'i', args: ['x'] }, { name: 'i', args: ['$(V)'] }));
    assert.equal(sameShape({ name: 'i' }, { name: 'i', args: ['$(V)'] }), false);
    assert.equal(sameShape([{ name: 'a' }], [{ name: 'b' }]), false);
    assert.equal(sameShape({ a: 1, gone: 2 }, { gone: null }), false);
  });
});

describe('contains', () => {
  it('holds what the patch says, with SMP directives ignored and null meaning deleted', () => {
    assert.ok(contains({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } }));
    assert.ok(contains({ a: 1 }, { a: 1, $patch: 'merge', gone: null }));
    assert.equal(contains({ a: 1, gone: 2 }, { gone: null }), false);
    assert.ok(contains([{ name: 'x', v: 1 }, { name: 'y' }], [{ name: 'y' }]));
    assert.equal(contains([{ name: 'x', v: 1 }], [{ name: 'x', v: 2 }]), false);
    assert.ok(contains(['a', 'b'], ['b']));
    assert.equal(contains('a', 'b'), false);
  });
});
