import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gateDefaults, stripGatedEnums } from './feature-gates.ts';
import type { OpenApiSet } from './openapi.ts';

describe('feature gates', () => {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-gates-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const release = (name: string, files: Record<string, string>) => {
    const dir = join(root, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    return dir;
  };

  it('reads single-spec defaults (before 1.31) and the versioned specs, taking the newest entry not after the release', () => {
    const old = release('old', {
      'pkg/features/kube_features.go':
        'var defaultKubernetesFeatureGates = map[featuregate.Feature]featuregate.FeatureSpec{\n' +
        '\tProcMountType:                  {Default: false, PreRelease: featuregate.Alpha},\n' +
        '\tIdentifyPodOS: {Default: true, PreRelease: featuregate.Beta},\n' +
        '\tgenericfeatures.APIListChunking: {Default: true, PreRelease: featuregate.Beta},\n}\n',
      'pkg/features/kube_features_test.go': '\tIgnored: {Default: false},\n',
    });
    assert.deepEqual([...gateDefaults(old, '1.24')].sort(), [
      ['APIListChunking', true],
      ['IdentifyPodOS', true],
      ['ProcMountType', false],
    ]);
    const versioned = release('new', {
      'pkg/features/kube_features.go':
        'var defaultVersionedKubernetesFeatureGates = map[featuregate.Feature]featuregate.VersionedSpecs{\n' +
        '\tImageVolume: {\n' +
        '\t\t{Version: version.MustParse("1.31"), Default: false, PreRelease: featuregate.Alpha},\n' +
        '\t\t{Version: version.MustParse("1.35"), Default: true, PreRelease: featuregate.Beta},\n' +
        '\t\t{Version: version.MustParse("1.33"), Default: false, PreRelease: featuregate.Beta},\n' +
        '\t},\n\n' +
        '\tProcMountType: {\n' +
        '\t\t// alpha for a long time\n' +
        '\t\t{Version: version.MustParse("1.12"), Default: false, PreRelease: featuregate.Alpha},\n' +
        '\t\t{Version: version.MustParse("1.33"), Default: true, PreRelease: featuregate.Beta},\n' +
        '\t},\n}\n',
    });
    assert.equal(gateDefaults(versioned, '1.34').get('ImageVolume'), false);
    assert.equal(gateDefaults(versioned, '1.35').get('ImageVolume'), true);
    assert.equal(gateDefaults(versioned, '1.32').get('ProcMountType'), false);
    assert.equal(gateDefaults(versioned, '1.34').get('ProcMountType'), true);
  });

  const set = (): OpenApiSet => ({
    format: 'v3',
    kinds: {},
    definitions: {
      'io.k8s.api.core.v1.Lifecycle': {
        properties: { stopSignal: { enum: ['SIGTERM'], type: 'string' }, preStop: { type: 'object' } },
        type: 'object',
      },
      'io.k8s.api.core.v1.SecurityContext': {
        properties: { procMount: { enum: ['Default', 'Unmasked'], type: 'string' } },
        type: 'object',
      },
    },
  });
  const podUtil = release('util', {
    'pkg/api/pod/util.go': 'func drop() { if features.ContainerStopSignals && features.ProcMountType {} }\n',
  });

  it('drops the enum of a field whose gate is off by default, keeps it when the gate is on or unknown', () => {
    const s = set();
    const result = stripGatedEnums(
      s,
      podUtil,
      new Map([
        ['ContainerStopSignals', false],
        ['ProcMountType', true],
      ]),
    );
    assert.deepEqual(result, {
      removed: ['io.k8s.api.core.v1.Lifecycle.stopSignal (ContainerStopSignals)'],
      stale: [],
    });
    assert.deepEqual(s.definitions['io.k8s.api.core.v1.Lifecycle']!.properties, {
      stopSignal: { type: 'string' },
      preStop: { type: 'object' },
    });
    assert.deepEqual(
      (s.definitions['io.k8s.api.core.v1.SecurityContext']!.properties as Record<string, unknown>).procMount,
      { enum: ['Default', 'Unmasked'], type: 'string' },
    );
    const unknown = set();
    assert.deepEqual(stripGatedEnums(unknown, podUtil, new Map()).removed, []);
  });

  it("says the hand-written table is stale when the drop function's file no longer mentions the gate", () => {
    const elsewhere = release('moved', { 'pkg/api/pod/util.go': 'func drop() {}\n' });
    const result = stripGatedEnums(set(), elsewhere, new Map([['ContainerStopSignals', false]]));
    assert.deepEqual(result.stale, ['ContainerStopSignals: pkg/api/pod/util.go does not mention it']);
  });
});
