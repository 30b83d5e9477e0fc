import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unlistedFiles } from './kustomize-unlisted.ts';

let root: string;
const at = (...parts: string[]) => join(root, ...parts);
function write(path: string, text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n'): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'shipshape-unlisted-'));
  write(
    at('app', 'kustomization.yaml'),
    [
      'resources:',
      '  - ./deployment.yaml',
      '  - "workloads/cron.yaml"',
      '  - components-dir',
      'patches:',
      '  - path: patch-replicas.yaml',
      'configMapGenerator:',
      '  - name: settings',
      '    files: [settings=config/settings.json]',
      '# old: forgotten.yaml is not used any more',
      '',
    ].join('\n'),
  );
  for (const file of [
    'deployment.yaml',
    'workloads/cron.yaml',
    'patch-replicas.yaml',
    'config/settings.json',
    'service.yaml',
    'workloads/job.yaml',
    'deployment.yaml.orig.yaml',
  ])
    write(at('app', file));
  write(at('app', 'README.md'), '# not yaml\n');
  // A listed nested kustomization: its own files are checked against its own kustomization.
  write(at('app', 'components-dir', 'kustomization.yaml'), 'resources: [a.yaml]\n');
  write(at('app', 'components-dir', 'a.yaml'));
  write(at('app', 'components-dir', 'b.yaml'));
  // A nested kustomization the parent does not list, a component it does not use, and a Helm chart home (left
  // alone).
  write(at('app', 'overlays', 'staging', 'kustomization.yaml'), 'resources: [../../deployment.yaml]\n');
  write(
    at('app', 'components', 'tracing', 'kustomization.yaml'),
    'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n',
  );
  // A nested base the parent does not name, but the build read (through an overlay's ../base).
  write(at('app', 'shared', 'kustomization.yaml'), 'resources: [pod.yaml]\n');
  write(at('app', 'shared', 'pod.yaml'));
  write(at('app', 'shared', 'stray.yaml'));
  write(at('app', 'charts', 'redis', 'Chart.yaml'), 'apiVersion: v2\nname: redis\nversion: 1.0.0\n');
  write(at('app', 'charts', 'redis', 'values.yaml'), 'replicas: 1\n');
  // Not manifests at all (kubernetes/ingress-nginx deploy/grafana: dashboards beside the kustomization).
  write(at('app', 'dashboards', 'nginx.json'), '{"__inputs": [], "panels": [], "title": "NGINX"}\n');
  write(at('app', '.markdownlint.yaml'), 'MD013: false\n');
  // Read by the build but not named in the text (e.g. through a symlinked or generated path).
  write(at('app', 'from-origin.yaml'));
});

after(() => rmSync(root, { recursive: true, force: true }));

describe('files a kustomization does not list', () => {
  it('names each unlisted manifest, the nested kustomization it does not list, and nothing it uses', () => {
    const used = new Set([
      realpathSync(at('app', 'from-origin.yaml')),
      realpathSync(at('app', 'shared', 'pod.yaml')),
    ]);
    const skipped = unlistedFiles(at('app'), used);
    const kustomization = at('app', 'kustomization.yaml');
    assert.deepEqual(
      skipped.map((s) => s.file),
      [
        at('app', '.markdownlint.yaml'),
        at('app', 'components', 'tracing'),
        at('app', 'components-dir', 'b.yaml'),
        at('app', 'dashboards', 'nginx.json'),
        at('app', 'deployment.yaml.orig.yaml'),
        at('app', 'overlays', 'staging'),
        at('app', 'service.yaml'),
        at('app', 'shared', 'stray.yaml'),
        at('app', 'workloads', 'job.yaml'),
      ],
    );
    const reasons = new Map(skipped.map((s) => [s.file, s.reason]));
    assert.equal(
      reasons.get(at('app', 'service.yaml')),
      `not listed in ${kustomization}: kustomize does not build it, so it was not reviewed`,
    );
    for (const file of [at('app', 'dashboards', 'nginx.json'), at('app', '.markdownlint.yaml')])
      assert.equal(
        reasons.get(file),
        'a configuration file: no apiVersion or kind, not a Kubernetes manifest',
        'not "not listed": adding it to resources would break the build',
      );
    assert.match(
      reasons.get(at('app', 'components-dir', 'b.yaml')) ?? '',
      /not listed in .*components-dir\/kustomization\.yaml/,
    );
    assert.match(
      reasons.get(at('app', 'overlays', 'staging')) ?? '',
      /a kustomization that .* does not list/,
    );
    assert.match(
      reasons.get(at('app', 'components', 'tracing')) ?? '',
      /^a Kustomize component that .* does not use: not reviewed \(a component is reviewed through/,
    );
  });

  it('a comment naming a file counts as a mention (we would rather miss one than cry wolf)', () => {
    write(at('app', 'forgotten.yaml'));
    const files = unlistedFiles(at('app'), new Set()).map((s) => s.file);
    assert.ok(!files.includes(at('app', 'forgotten.yaml')));
    assert.ok(files.includes(at('app', 'from-origin.yaml')), 'without the origin, it is unlisted');
  });

  it('a directory without a kustomization file yields nothing', () => {
    assert.deepEqual(unlistedFiles(at('app', 'workloads'), new Set()), []);
  });
});
