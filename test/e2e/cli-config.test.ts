import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fixtureCopy, shipshape } from './cli-support.ts';

const { dir, cleanup } = fixtureCopy();
after(cleanup);
const project = join(dir, 'project');
const deeper = join(project, 'sub', 'deeper');
mkdirSync(deeper, { recursive: true });
const ONLY = ['--include', 'image-tag-mutable', 'service-selector-no-match'];

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON report.
function findings(stdout: string): any[] {
  return JSON.parse(stdout).findings;
}

describe('configuration', { concurrency: 3 }, () => {
  it('finds .shipshape.yaml upward: severity override, params, disabled check, excludePaths', () => {
    // No --include here: --include would turn the disabled check back on. Other checks may fire; only these two are looked at.
    const run = shipshape(['review', '../../manifests', '-o', 'json'], { cwd: deeper });
    const list = findings(run.stdout).filter((f) =>
      ['image-tag-mutable', 'service-selector-no-match'].includes(f.check),
    );
    assert.deepEqual(
      list.map((f) => [f.check, f.severity, f.object.name, f.file]),
      [['image-tag-mutable', 'low', 'worker', '../../manifests/app.yaml']],
      'params add "stable" as mutable, severity is low, the Service check is off, generated/ is excluded',
    );
    const pinned = shipshape(['review', '../../manifests', '--include', 'image-tag-mutable'], {
      cwd: deeper,
    });
    assert.equal(pinned.status, 0, 'a low finding does not fail at the default --fail-on high');
  });

  it('--config points at a file anywhere, and its excludePaths are relative to it', () => {
    writeFileSync(
      join(dir, 'alt.yaml'),
      'checks:\n  image-tag-mutable: off\nexcludePaths: ["project/manifests/generated/**"]\nfailOn: none\n',
    );
    const run = shipshape(['review', 'project/manifests', ...ONLY, '--config', 'alt.yaml', '-o', 'json'], {
      cwd: dir,
    });
    assert.equal(run.status, 0, 'failOn none from the config');
    assert.deepEqual(
      findings(run.stdout).map((f) => [f.check, f.object.name]),
      [['service-selector-no-match', 'nothing']],
    );
    const enabled = shipshape(
      ['review', 'app', '--config', 'alt.yaml', '--include', 'image-tag-mutable', '-o', 'json'],
      {
        cwd: dir,
      },
    );
    assert.deepEqual(
      findings(enabled.stdout).map((f) => f.object.name),
      ['web'],
      '--include turns a check back on',
    );
  });

  it('a broken or unknown config exits 2 with the reason', () => {
    writeFileSync(join(dir, 'typo.yaml'), 'checks:\n  image-tag-mutabel: off\n');
    const typo = shipshape(['review', 'app', '--config', 'typo.yaml'], { cwd: dir });
    assert.equal(typo.status, 2);
    assert.match(
      typo.stderr,
      /unknown check "image-tag-mutabel" in "checks" \(did you mean image-tag-mutable\?\)/,
    );
    assert.equal(typo.stdout, '');
    const missing = shipshape(['review', 'app', '--config', 'nope.yaml'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /reading config "nope.yaml"/);
  });
});
