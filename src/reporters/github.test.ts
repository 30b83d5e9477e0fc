import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { annotationLevel, escapeData, escapeProperty, githubReporter } from './github.ts';
import { sampleReport } from './testing/sample-report.ts';

describe('github reporter', () => {
  it('emits one workflow-command annotation per unsuppressed finding', () => {
    const lines = githubReporter(sampleReport(), { color: false }).trimEnd().split('\n');
    assert.equal(
      lines[0],
      '::error file=k8s/app.yaml,line=12,col=16,title=high%3A image-tag-mutable::Deployment shop/web: container "app" image "nginx:latest" uses the mutable tag "latest"%0AFix: Pin the image to a version tag (app:1.4.2) or, better, a digest (app@sha256:…).',
    );
    assert.ok(
      lines[2]!.startsWith(
        '::notice file=k8s/dir with space/job.yaml,line=3,col=1,title=low%3A image-tag-mutable::',
      ),
    );
    assert.ok(!lines.some((l) => l.includes('legacy')), 'suppressed findings are not annotated');
    assert.equal(
      lines[3],
      '::error file=k8s/broken.yaml,line=4,col=7,title=shipshape%3A input error::invalid YAML: bad indentation',
    );
    assert.match(lines.at(-1)!, /^3 findings/);
  });

  it('escapes per the Actions toolkit rules', () => {
    assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
    assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
    const lines = githubReporter(sampleReport(), { color: false }).split('\n');
    assert.ok(
      lines[1]!.endsWith(
        'tier="a,b:c" 100%25%0Asecond line%0AFix: Make the Service selector equal to the pod labels | see <docs>.',
      ),
      lines[1],
    );
    assert.deepEqual((['critical', 'high', 'medium', 'low', 'info'] as const).map(annotationLevel), [
      'error',
      'error',
      'warning',
      'notice',
      'notice',
    ]);
  });
});
