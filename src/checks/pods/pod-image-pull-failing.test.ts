import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { event, pod } from '../../testing/cluster-builders.ts';
import { podImagePullFailing, pullFailureHint } from './pod-image-pull-failing.ts';

describe('pod-image-pull-failing', () => {
  it('fires with the registry and a hint from the Failed event', () => {
    const objects = [
      pod('web-1', {
        namespace: 'web',
        image: 'ghcr.io/acme/web:9.9',
        state: { kind: 'image-pull', reason: 'ErrImagePull' },
      }),
      event(
        { kind: 'Pod', name: 'web-1', namespace: 'web' },
        'Warning',
        'Failed',
        'Failed to pull image "ghcr.io/acme/web:9.9": 401 Unauthorized',
      ),
    ];
    const findings = analyze(podImagePullFailing, objects);
    assert.equal(findings.length, 1);
    assert.equal(
      findings[0]?.message,
      'container "app" cannot pull image "ghcr.io/acme/web:9.9" (ErrImagePull)',
    );
    assert.ok(findings[0]?.evidence?.includes('registry: ghcr.io'));
    assert.match(findings[0]?.cause?.summary ?? '', /refused the credentials/);
  });
  it('reads the registry answer', () => {
    assert.match(pullFailureHint('manifest unknown'), /does not exist/);
    assert.match(pullFailureHint('dial tcp: lookup registry.internal: no such host'), /cannot reach/);
    assert.match(pullFailureHint('toomanyrequests: You have reached your pull rate limit'), /rate-limiting/);
  });
  it('does not fire on pods that pulled their image', () => {
    assert.deepEqual(
      analyze(podImagePullFailing, [pod('web-1'), pod('web-2', { state: { kind: 'crashloop' } })]),
      [],
    );
  });
});
