// Live: every object `review --fix` and `--fix=suggested` rewrites in the fix tests is accepted by the real API
// server whenever the original was (server-side dry-run on the test bed, testbed/README.md): a fix never
// produces an object the API rejects (e.g. allowPrivilegeEscalation: false on a privileged container). Objects a
// fixture makes invalid on purpose stay rejected. Skips, saying why, when the test bed is down.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { createTestNamespace, deleteNamespace, kubectl, testbedSkipReason } from '../../testbed/scenarios.ts';
import { ROOT, shipshape } from '../e2e/cli-support.ts';

const skip = await testbedSkipReason();

/** Fixture directories whose fixes the e2e fix tests apply. */
const FIXTURES = [join(ROOT, 'test/fixtures/precision/fix-safety'), join(ROOT, 'test/fixtures/cli/fix')];

/** The documents of a manifest as JSON, in the test's namespace (the fixtures name their own). */
function documents(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((doc) => (doc as { toJS(): Record<string, unknown> }).toJS());
}

/** Undefined when the API server accepts the object (server-side dry-run), else its message. */
async function dryRun(object: Record<string, unknown>, namespace: string): Promise<string | undefined> {
  const metadata = { ...(object.metadata as Record<string, unknown>), namespace };
  try {
    await kubectl(['apply', '--dry-run=server', '-f', '-'], {
      input: JSON.stringify({ ...object, metadata }),
      namespace,
    });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe('every --fix is accepted by the API server (server-side dry-run)', { skip }, () => {
  let namespace = '';
  before(async () => {
    namespace = await createTestNamespace('fix');
  });
  after(async () => {
    if (namespace) await deleteNamespace(namespace);
  });

  for (const fixture of FIXTURES) {
    for (const mode of ['--fix', '--fix=suggested']) {
      it(`${mode} on ${relative(ROOT, fixture)}`, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'shipshape-fix-live-'));
        try {
          cpSync(fixture, join(dir, 'in'), { recursive: true });
          const run = shipshape(['review', 'in', mode, '--fail-on', 'none'], { cwd: dir });
          assert.match(run.stderr, /^fixed \d+ findings? in/m, run.stderr);
          let accepted = 0;
          for (const file of yamlFiles(join(dir, 'in'))) {
            const original = join(fixture, relative(join(dir, 'in'), file));
            const before = documents(readFileSync(original, 'utf8'));
            const fixed = documents(readFileSync(file, 'utf8'));
            assert.equal(fixed.length, before.length);
            for (const [i, object] of fixed.entries()) {
              const then = await dryRun(before[i]!, namespace);
              if (then !== undefined) continue; // invalid on purpose in the fixture
              const now = await dryRun(object, namespace);
              assert.equal(now, undefined, `${file} document ${i}: the fix made the API server reject it`);
              accepted++;
            }
          }
          assert.ok(accepted > 0, 'the fixture holds objects the API server accepts');
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }
});
