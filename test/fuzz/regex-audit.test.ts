// Every regular expression in src/ is linear-time (docs/decisions/0033-hostile-input.md). Each literal's verdict from
// the recheck ReDoS checker is recorded in regex-audit.json (`node scripts/audit-regexes.ts` adds new ones); a literal
// not recorded there is checked here, so a new super-linear pattern fails this test with the input that shows it.
// Patterns built at run time are listed below with why they are safe; user-written patterns go through RE2.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkSync } from 'recheck';
import { findRegexes, splitLiteral } from '../support/source-scan.ts';

const AUDIT = JSON.parse(readFileSync('test/fuzz/regex-audit.json', 'utf8')) as Record<string, string>;

/** Files in src/ that build a pattern at run time (`new RegExp`), each with why it cannot backtrack badly. */
const DYNAMIC: Record<string, string> = {
  'src/sources/files/parse-yaml.ts': 'the union of two audited anchored alternations of literal words',
  'src/sources/files/kustomize-unlisted.ts':
    'an escaped literal path after a one-character alternative: each start costs at most the length of the path',
};

describe('regular expressions in src/', () => {
  const found = findRegexes('.');

  it('every literal is recorded as linear, or checked now', () => {
    const unknown = [...new Set(found.filter((r) => !r.dynamic && !AUDIT[r.text]).map((r) => r.text))];
    const failures: string[] = [];
    for (const text of unknown) {
      const { source, flags } = splitLiteral(text);
      const result = checkSync(source, flags, { timeout: 20_000 });
      if (result.status === 'vulnerable')
        failures.push(`${text}: ${result.complexity.type} (try ${result.attack.pattern})`);
      else if (result.status === 'unknown')
        failures.push(
          `${text}: recheck cannot decide; review it and record why it is linear in regex-audit.json`,
        );
    }
    const where = (text: string) => found.find((r) => r.text === text)?.where;
    assert.deepEqual(
      failures.map((f) => `${where(f.slice(0, f.indexOf(': ')))} ${f}`),
      [],
      'super-linear patterns: rewrite them (anchor, bound, or scan by hand)',
    );
    for (const [text, verdict] of Object.entries(AUDIT))
      assert.ok(verdict === 'safe' || verdict.startsWith('reviewed: '), `${text}: verdict "${verdict}"`);
  });

  it('every pattern built at run time is known', () => {
    const dynamic = found.filter((r) => r.dynamic);
    for (const r of dynamic)
      assert.ok(
        DYNAMIC[r.where.replace(/:\d+$/, '')],
        `${r.where}: ${r.text} builds a pattern at run time; user-written patterns go through core/linear-regexp.ts`,
      );
  });

  it('catches a super-linear pattern (the checker itself works here)', () => {
    assert.equal(checkSync('^(a+)+$', '').status, 'vulnerable');
    assert.equal(checkSync('^[a-z]+:\\/\\/', 'i').status, 'safe');
  });
});
