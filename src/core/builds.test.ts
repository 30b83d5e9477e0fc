import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeAcrossBuilds } from './builds.ts';
import type { Finding } from './finding.ts';

const BASE = 'k8s/base/deployment.yaml (rendered by kustomize)';

function finding(build: string | undefined, name: string, extra: Partial<Finding> = {}): Finding {
  const namespace = build?.split('/').pop();
  const object = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name,
    ...(namespace && namespace !== 'base' ? { namespace } : {}),
  };
  return {
    check: 'container-privileged',
    severity: 'high',
    category: 'security',
    object,
    path: 'spec.template.spec.containers[0].securityContext.privileged',
    file: BASE,
    line: 21,
    column: 13,
    message: `Deployment "${name}": container "web" runs privileged`,
    remediation: 'r',
    runbook: 'docs/runbooks/container-privileged.md',
    fingerprint: `${name}${namespace ?? ''}`.padEnd(16, '0').slice(0, 16),
    ...(build ? { build } : {}),
    ...extra,
  };
}

describe('mergeAcrossBuilds', () => {
  it('one problem in a base and three overlays is one finding, on the base object, listing every build', () => {
    const out = mergeAcrossBuilds([
      finding('k8s/overlays/prod', 'prod-web'),
      finding('k8s/base', 'web'),
      finding('k8s/overlays/dev', 'dev-web'),
      finding('k8s/overlays/staging', 'web'),
    ]);
    assert.equal(out.length, 1);
    assert.equal(out[0]!.object.name, 'web');
    assert.equal(out[0]!.object.namespace, undefined, 'the base reviewed directly represents it');
    assert.deepEqual(
      out[0]!.builds?.map((b) => `${b.dir} ${b.object.namespace ?? '-'}/${b.object.name}`),
      [
        'k8s/base -/web',
        'k8s/overlays/dev dev/dev-web',
        'k8s/overlays/prod prod/prod-web',
        'k8s/overlays/staging staging/web',
      ],
    );
  });

  it('without the base in the run, the first build by name represents it', () => {
    const out = mergeAcrossBuilds([
      finding('k8s/overlays/prod', 'prod-web'),
      finding('k8s/overlays/dev', 'dev-web'),
    ]);
    assert.equal(out.length, 1);
    assert.equal(out[0]!.object.name, 'dev-web');
    assert.equal(out[0]!.builds?.length, 2);
  });

  it('list indexes may differ (an overlay adds a container before); the source position is the same', () => {
    const shifted = finding('k8s/overlays/prod', 'prod-web', {
      path: 'spec.template.spec.containers[1].securityContext.privileged',
    });
    assert.equal(mergeAcrossBuilds([finding('k8s/base', 'web'), shifted]).length, 1);
  });

  it('keeps apart what differs: another line, check, severity, suppression, or a message beyond the names', () => {
    const base = finding('k8s/base', 'web');
    for (const other of [
      finding('k8s/overlays/prod', 'prod-web', { line: 22 }),
      finding('k8s/overlays/prod', 'prod-web', { check: 'container-privilege-escalation-allowed' }),
      finding('k8s/overlays/prod', 'prod-web', { severity: 'medium' }),
      finding('k8s/overlays/prod', 'prod-web', { suppressed: { reason: 'accepted' } }),
      finding('k8s/overlays/prod', 'prod-web', {
        message: 'Deployment "prod-web" has 6 replicas but no anti-affinity',
      }),
      finding('k8s/overlays/prod', 'prod-web', {
        file: 'k8s/overlays/prod/patch.yaml (rendered by kustomize)',
      }),
    ]) {
      const out = mergeAcrossBuilds([base, other]);
      assert.equal(out.length, 2, JSON.stringify(other));
      assert.equal(out[0]!.builds, undefined);
      // The overlay's own problem in the shared base says which build has it; one in its own patch need not.
      const named = other.file === BASE ? [{ dir: 'k8s/overlays/prod', object: other.object }] : undefined;
      assert.deepEqual(out[1]!.builds, named);
    }
  });

  it('a finding related to a root that was folded into the base instance relates to that instance', () => {
    const root = (build: string, name: string) => finding(build, name);
    const child = (build: string, name: string, rootOf: Finding) =>
      finding(build, name, {
        check: 'container-privilege-escalation-allowed',
        line: 30,
        fingerprint: `c${rootOf.fingerprint}`.slice(0, 16),
        relatedTo: rootOf.fingerprint,
      });
    const baseRoot = root('k8s/base', 'web');
    const prodRoot = root('k8s/overlays/prod', 'prod-web');
    // The child is found in prod only (a patch there), its root in both builds.
    const out = mergeAcrossBuilds([baseRoot, prodRoot, child('k8s/overlays/prod', 'prod-web', prodRoot)]);
    assert.equal(out.length, 2);
    assert.equal(out[1]!.relatedTo, baseRoot.fingerprint);
  });

  it('leaves findings outside builds, and a build with one instance, as they are', () => {
    const plain = finding(undefined, 'web', { file: 'k8s/app.yaml' });
    const twice = [plain, { ...plain, fingerprint: 'ffffffffffffffff' }];
    assert.deepEqual(mergeAcrossBuilds(twice), twice);
    const single = [finding('k8s/base', 'web')];
    assert.deepEqual(mergeAcrossBuilds(single), single);
  });

  it('a problem only one overlay has, in a base other builds share, names that overlay', () => {
    // argo-cd's dev-tilt removes the server's securityContext: only that build lacks allowPrivilegeEscalation.
    const shared = { check: 'container-image-pull-policy', line: 22, message: 'the pull policy' };
    const removed = finding('k8s/overlays/dev', 'dev-web', {
      check: 'container-privilege-escalation-allowed',
      path: 'spec.template.spec.containers[0]',
      line: 20,
      message: 'container "web" does not set allowPrivilegeEscalation: false',
    });
    const out = mergeAcrossBuilds([
      finding('k8s/base', 'web', shared),
      finding('k8s/overlays/dev', 'dev-web', shared),
      removed,
    ]);
    assert.equal(out.length, 2);
    assert.deepEqual(out[1]!.builds, [{ dir: 'k8s/overlays/dev', object: removed.object }]);
  });

  it("names no build when the file is the build's own, or only that build has findings in it", () => {
    const own = finding('k8s/base', 'web', { line: 30, message: 'other' });
    const out = mergeAcrossBuilds([finding('k8s/overlays/dev', 'dev-web'), own]);
    assert.equal(out.length, 2);
    assert.equal(out[1]!.builds, undefined, 'the base reviewed directly: its own file');
    const alone = [finding('k8s/overlays/dev', 'dev-web')];
    assert.deepEqual(mergeAcrossBuilds(alone), alone, 'one overlay reviewed alone: nothing to tell apart');
  });
});
