// Live: validates against the test bed's own /openapi/v3 (testbed/README.md). Skips, saying why, when
// .testbed/kubeconfig is absent or the API server does not answer.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validateBuiltin } from '../../src/schema/validator.ts';
import { fetchClusterSchemas } from '../../src/sources/cluster/openapi.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const KUBECONFIG = join(ROOT, '.testbed', 'kubeconfig');

async function reachable(): Promise<string | false> {
  if (!existsSync(KUBECONFIG)) return `no test bed: ${KUBECONFIG} is absent (npm run testbed:up)`;
  try {
    await fetchClusterSchemas({ kubeconfig: KUBECONFIG, timeoutMs: 5000, attempts: 1 });
    return false;
  } catch (error) {
    return `test bed API server does not answer: ${(error as Error).message}`;
  }
}

const skip = await reachable();

describe('live schemas from the cluster /openapi/v3', { skip }, () => {
  it('reads every group-version, with the cluster version', async () => {
    const schemas = await fetchClusterSchemas({ kubeconfig: KUBECONFIG });
    assert.match(schemas.version, /^1\.\d+$/);
    assert.ok(schemas.set.kinds.has('apps/v1:Deployment'));
    assert.ok(schemas.set.kinds.has('v1:ConfigMap'));
  });

  it('validates strictly against the live schema', async () => {
    const { set } = await fetchClusterSchemas({ kubeconfig: KUBECONFIG });
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27', imagePullPolicy: 'Always' }] },
        },
      },
    };
    assert.deepEqual(validateBuiltin(set, deployment), []);
    type Broken = {
      spec: Record<string, unknown> & { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    const broken = structuredClone(deployment) as unknown as Broken;
    broken.spec.replicas = 'two';
    broken.spec.containers = [];
    broken.spec.template.spec.containers[0]!.imagePullPolicy = 'Sometimes';
    const errors = validateBuiltin(set, broken)?.map((e) => `${e.kind} ${e.path.join('.')}`);
    assert.deepEqual(errors?.sort(), [
      'type spec.replicas',
      'unknown-field spec.containers',
      'value spec.template.spec.containers.0.imagePullPolicy',
    ]);
  });

  it('shipshape review --kubeconfig validates files against the cluster', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-live-'));
    const file = join(dir, 'cm.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndta: {a: b}\n');
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, 'src/cli/main.ts'),
        'review',
        file,
        '--kubeconfig',
        KUBECONFIG,
        '-o',
        'json',
        '--include',
        'schema',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 1, `exit ${run.status}: ${run.stderr}`);
    const report = JSON.parse(run.stdout) as {
      source: { server?: string };
      findings: { check: string; path?: string }[];
    };
    assert.match(report.source.server ?? '', /^https:\/\/127\.0\.0\.1:/);
    assert.deepEqual(
      report.findings.map((f) => `${f.check} ${f.path}`),
      ['schema-unknown-field dta'],
    );
  });
});
