// --fix applies only fixes that cannot stop a working workload; the rest are suggested (decision 0037).
// Fixture: test/fixtures/precision/fix-safety (explicit author choices, an image of unknown user, a non-root
// container that adds a capability).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { ROOT, shipshape } from './cli-support.ts';

const FIXTURE = join(ROOT, 'test/fixtures/precision/fix-safety');
const SECURITY = ['--include', 'security'];

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-fix-safety-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(FIXTURE, join(dir, 'fix-safety'), { recursive: true });
  return dir;
}

type Container = { securityContext?: Record<string, unknown> };
function containers(text: string): Record<string, Container> {
  const out: Record<string, Container> = {};
  for (const doc of parseAllDocuments(text)) {
    const object = (
      doc as {
        toJS(): { metadata: { name: string }; spec: { template: { spec: { containers: Container[] } } } };
      }
    ).toJS();
    out[object.metadata.name] = object.spec.template.spec.containers[0]!;
  }
  return out;
}

describe('review --fix: safe means safe', () => {
  it('--fix never flips an explicit choice, never adds runAsNonRoot or readOnlyRootFilesystem, drops ALL only where it changes nothing', () => {
    const dir = copy();
    const run = shipshape(['review', 'fix-safety', ...SECURITY, '--fix'], { cwd: dir });
    assert.match(run.stderr, /^fixed 2 findings in 1 file: fix-safety\/workloads\.yaml$/m);
    assert.match(run.stderr, /^not applied: 19 suggested fixes that may stop a working workload/m);
    const after = containers(readFileSync(join(dir, 'fix-safety/workloads.yaml'), 'utf8'));
    // must not: the author's explicit values stay
    assert.deepEqual(after['explicit-choices']!.securityContext, {
      readOnlyRootFilesystem: false,
      allowPrivilegeEscalation: true,
    });
    // must: unset escalation is closed; nothing else is added to a container of unknown user
    assert.deepEqual(after['root-image']!.securityContext, { allowPrivilegeEscalation: false });
    // must not: a privileged container is left as written (no escalation edit the API server would reject)
    assert.deepEqual(after['node-agent']!.securityContext, { privileged: true });
    // must: a non-root container that cannot escalate drops ALL, keeping what it adds
    assert.deepEqual(after['non-root']!.securityContext, {
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
    });
  });

  it('--fix=diff lists the suggested fixes as comments before the safe diff', () => {
    const dir = copy();
    const run = shipshape(['review', 'fix-safety', ...SECURITY, '--fix=diff'], { cwd: dir });
    const [comments, diff] = [
      run.stdout.split('\n').filter((l) => l.startsWith('#')),
      run.stdout.slice(run.stdout.indexOf('--- a/')),
    ];
    assert.match(comments[0]!, /^# shipshape: 19 suggested fixes not in this diff/);
    assert.ok(
      comments.some((l) =>
        /explicit-choices \[container-root-filesystem-writable\] set readOnlyRootFilesystem: true: the author set false explicitly/.test(
          l,
        ),
      ),
      comments.join('\n'),
    );
    assert.ok(!/readOnlyRootFilesystem: true|runAsNonRoot|seccompProfile/.test(diff), diff);
    assert.ok(!diff.includes('-            allowPrivilegeEscalation: true'), diff);
  });

  it('--fix=suggested applies the rest, and the result reviews without schema errors', () => {
    const dir = copy();
    const run = shipshape(
      ['review', 'fix-safety', ...SECURITY, '--fix=suggested', '-o', 'json', '--fail-on', 'none'],
      {
        cwd: dir,
      },
    );
    assert.match(run.stderr, /^fixed 21 findings in 1 file/m);
    const after = containers(readFileSync(join(dir, 'fix-safety/workloads.yaml'), 'utf8'));
    assert.equal(after['explicit-choices']!.securityContext?.readOnlyRootFilesystem, true);
    assert.equal(after['root-image']!.securityContext?.runAsNonRoot, true);
    const report = JSON.parse(run.stdout) as { findings: { category: string }[] };
    assert.deepEqual(
      report.findings.filter((f) => f.category === 'schema'),
      [],
    );
  });
});
