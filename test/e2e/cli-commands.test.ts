import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, shipshape } from './cli-support.ts';

describe('commands', { concurrency: 3 }, () => {
  it('--help and --version exit 0 on stdout', () => {
    const help = shipshape(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: shipshape/);
    for (const command of ['review', 'explain', 'checks'])
      assert.match(help.stdout, new RegExp(`\\b${command}\\b`));
    const reviewHelp = shipshape(['review', '--help']);
    assert.equal(reviewHelp.status, 0);
    assert.match(reviewHelp.stdout, /--fix=diff prints a unified diff/);
    const version = shipshape(['--version']);
    assert.equal(version.status, 0);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), pkg.version);
  });

  it('unknown commands and options exit 2', () => {
    const command = shipshape(['reveiw', 'x']);
    assert.equal(command.status, 2);
    assert.match(command.stderr, /unknown command 'reveiw'/);
    const option = shipshape(['--nope']);
    assert.equal(option.status, 2);
  });

  it('explain prints the runbook; an unknown id exits 2 with a suggestion', () => {
    const run = shipshape(['explain', 'image-tag-mutable']);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, readFileSync(join(ROOT, 'docs/runbooks/image-tag-mutable.md'), 'utf8'));
    const typo = shipshape(['explain', 'image-tag-mutabel']);
    assert.equal(typo.status, 2);
    assert.equal(typo.stdout, '');
    assert.match(typo.stderr, /no check "image-tag-mutabel"; did you mean image-tag-mutable\?/);
  });

  it('checks lists every check, as text or JSON', () => {
    const text = shipshape(['checks']);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /^image-tag-mutable +high +reliability +yes +Image has no tag/m);
    const json = shipshape(['checks', '-o', 'json']);
    const rows = JSON.parse(json.stdout) as {
      id: string;
      severity: string;
      default: string;
      runbook: string;
    }[];
    const row = rows.find((r) => r.id === 'service-selector-no-match');
    assert.deepEqual(
      { severity: row?.severity, default: row?.default, runbook: row?.runbook },
      { severity: 'high', default: 'on', runbook: 'docs/runbooks/service-selector-no-match.md' },
    );
    assert.equal(shipshape(['checks', '-o', 'xml']).status, 2);
  });
});
