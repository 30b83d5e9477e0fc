// Schema validation against the corpus: kubeconform's fixtures (≥ 95% agreement) and the released real-world
// manifests (zero schema errors, zero crashes). Skips when the corpus is absent.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { score as scoreKubeconform } from './kubeconform.ts';
import { score as scoreRealWorld } from './real-world.ts';
import { agreement, corpusAvailable, corpusDir, reviewPaths } from './types.ts';

const dir = corpusDir();
const skip = corpusAvailable(dir) ? false : `corpus not found at ${dir} (set SHIPSHAPE_CORPUS)`;

describe('schema corpus', { skip }, () => {
  it('agrees with kubeconform on at least 95% of its applicable fixtures, each case scored once', async (t) => {
    const score = await scoreKubeconform(dir);
    for (const line of score.details) t.diagnostic(line);
    const cases = JSON.parse(readFileSync(join(dir, 'kubeconform', 'cases.json'), 'utf8')) as unknown[];
    assert.equal(score.agree + score.disagree + score.notApplicable, cases.length);
    assert.ok(score.agree + score.disagree >= 45, `only ${score.agree + score.disagree} cases scored`);
    const value = agreement(score) ?? 0;
    assert.ok(value >= 95, `kubeconform agreement ${value.toFixed(1)}%:\n${score.details.join('\n')}`);
  });

  it('reviews the real-world manifests with zero schema errors and zero crashes', async () => {
    const score = await scoreRealWorld(dir);
    assert.equal(score.crashes, 0, score.details.join('\n'));
    assert.equal(score.schemaErrors, 0, score.details.join('\n'));
    assert.equal(score.disagree, 0, score.details.join('\n'));
    assert.equal(score.agree, 19);
    // The ServiceMonitor is validated against its CRD, not left unvalidated.
    assert.deepEqual(
      score.details.filter((d) => d.includes('(info)')),
      [],
    );
  });

  /**
   * Cases where Kubernetes' own lifecycle data, which the table is generated from, contradicts Pluto's
   * (decision 0054 lists the evidence): extensions/v1beta1 Deployment is deprecated in 1.8
   * (k8s.io/api extensions/v1beta1/zz_generated.prerelease-lifecycle.go), Pluto says 1.9.
   */
  const UPSTREAM_DECIDES = new Set(['fixtures/deployment-extensions-v1beta1.yaml at 1.8']);

  it("agrees with Pluto's e2e cases on removed and deprecated apiVersions, except where upstream decides otherwise", () => {
    const cases = JSON.parse(readFileSync(join(dir, 'deprecations', 'cases.json'), 'utf8')) as {
      file: string;
      targetVersion: string | null;
      expectFindings: {
        kind: string;
        name: string;
        apiVersion: string;
        deprecated: boolean;
        removed: boolean;
      }[];
    }[];
    for (const c of cases) {
      // Pluto's default target (versions.yaml target-versions) is k8s v1.25.0.
      const kubeVersion = (c.targetVersion ?? 'v1.25.0').replace(/^v/, '').split('.').slice(0, 2).join('.');
      const run = reviewPaths(
        [join(dir, 'deprecations', c.file)],
        ['api-version-removed', 'api-version-deprecated'],
        {
          settings: { kubeVersion },
        },
      );
      const ours = run.findings.map(
        (f) => `${f.check} ${f.object.apiVersion} ${f.object.kind}/${f.object.name}`,
      );
      const expected = c.expectFindings.map(
        (e) =>
          `${e.removed ? 'api-version-removed' : 'api-version-deprecated'} ${e.apiVersion} ${e.kind}/${e.name}`,
      );
      const label = `${c.file} at ${kubeVersion}`;
      if (UPSTREAM_DECIDES.has(label))
        assert.notDeepEqual(ours, expected, `${label} now agrees: drop it from the list`);
      else assert.deepEqual(ours, expected, label);
    }
  });
});
