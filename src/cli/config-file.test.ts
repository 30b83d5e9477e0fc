import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from './config-file.ts';
import { UsageError } from './errors.ts';

const root = mkdtempSync(join(tmpdir(), 'shipshape-config-'));
after(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, config: string | undefined): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'a', 'b'), { recursive: true });
  if (config !== undefined) writeFileSync(join(dir, '.shipshape.yaml'), config);
  return dir;
}

describe('.shipshape.yaml', () => {
  it('is found upward from the working directory, with excludePaths rebased to it', () => {
    const dir = project(
      'upward',
      'checks:\n  image-tag-mutable: low\n  service-selector-no-match: off\nexcludePaths: ["gen/**", "**/vendor/**"]\n',
    );
    const config = loadConfig(undefined, join(dir, 'a', 'b'));
    assert.equal(config.file, join(dir, '.shipshape.yaml'));
    assert.deepEqual(config.checks, {
      'image-tag-mutable': { enabled: true, severity: 'low' },
      'service-selector-no-match': { enabled: false },
    });
    assert.deepEqual(config.excludePaths, ['../../gen/**', '**/vendor/**']);
    assert.deepEqual(loadConfig(undefined, dir).excludePaths, ['gen/**', '**/vendor/**']);
  });

  it('reads podCreators rows and rejects malformed ones with their place', () => {
    const dir = project(
      'creators',
      [
        'podCreators:',
        '  - group: cache.example.com',
        '    kind: Redis',
        '    labels: {app: redis, redis: "{name}"}',
        '    openLabels: [redis.example.com/]',
        '    podTemplates: [spec.podTemplate]',
        '    ports: [{name: redis, port: 6379}]',
        '',
      ].join('\n'),
    );
    assert.deepEqual(loadConfig(undefined, dir).podCreators, [
      {
        group: 'cache.example.com',
        kind: 'Redis',
        labels: { app: 'redis', redis: '{name}' },
        openLabels: ['redis.example.com/'],
        podTemplates: ['spec.podTemplate'],
        ports: [{ name: 'redis', port: 6379 }],
      },
    ]);
    for (const [text, message] of [
      ['podCreators: {kind: Redis}', /"podCreators" must be a list/],
      ['podCreators: [{kind: Redis}]', /podCreators\[0\] needs "group"/],
      ['podCreators: [{group: x, kind: R, selector: {}}]', /podCreators\[0\]: unknown key "selector"/],
      ['podCreators: [{group: x, kind: R, ports: [{port: 0}]}]', /podCreators\[0\]\.ports\[0\] needs "port"/],
    ] as const) {
      const bad = project(`creators-bad-${text.length}`, `${text}\n`);
      assert.throws(() => loadConfig(undefined, bad), message);
    }
  });

  it('takes an explicit file over the discovered one', () => {
    const dir = project('explicit', 'checks: {image-tag-mutable: off}\n');
    writeFileSync(
      join(dir, 'other.yaml'),
      'checks:\n  image-tag-mutable:\n    params: {mutableTags: [edge]}\nfailOn: medium\n',
    );
    const config = loadConfig(join(dir, 'other.yaml'), dir);
    assert.deepEqual(config.checks['image-tag-mutable'], { params: { mutableTags: ['edge'] } });
    assert.equal(config.failOn, 'medium');
  });

  it('is optional', () => {
    const config = loadConfig(undefined, project('none', undefined));
    // Nothing between the temp dir and / is expected to hold a config; if one does, it is that file.
    if (config.file === undefined) assert.deepEqual(config.checks, {});
  });

  it('rejects mistakes with a precise message', () => {
    const cases: [string, RegExp][] = [
      ['- a\n', /must be a mapping/],
      ['check: {}\n', /unknown key "check"/],
      [
        'checks: {image-tag-mutable: severe}\n',
        /checks.image-tag-mutable must be on, off, a severity, or a mapping/,
      ],
      ['checks: {image-tag-mutable: {severity: urgent}}\n', /severity must be one of critical/],
      [
        'checks: {image-tag-mutabel: off}\n',
        /unknown check "image-tag-mutabel" in "checks" \(did you mean image-tag-mutable\?\)/,
      ],
      ['exclude: [no-such-thing-at-all]\n', /unknown check "no-such-thing-at-all" in "exclude"/],
      ['failOn: sometimes\n', /"failOn" must be a severity or none/],
      ['checks: [\n', /reading config/],
    ];
    for (const [text, message] of cases) {
      const dir = project(`bad-${cases.findIndex(([t]) => t === text)}`, text);
      assert.throws(
        () => loadConfig(undefined, dir),
        (error: Error) => error instanceof UsageError && message.test(error.message),
        text,
      );
    }
    assert.doesNotThrow(() => loadConfig(undefined, project('category', 'include: [security]\n')));
  });
});

describe('docs/configuration.md', () => {
  it('its example .shipshape.yaml is valid', () => {
    const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    const example = /```yaml\n(# \.shipshape\.yaml\n[\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(example, 'the example block is there');
    const dir = project('documented', example);
    const config = loadConfig(undefined, dir);
    assert.deepEqual(config.checks['service-selector-no-match'], { enabled: false });
    assert.deepEqual(config.exclude, ['efficiency']);
  });
});
