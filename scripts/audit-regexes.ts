// `node scripts/audit-regexes.ts`: runs the recheck ReDoS checker over every regular expression literal in src/ not yet
// in test/fuzz/regex-audit.json and records the verdict there. `--all` re-checks every one. Patterns recheck cannot
// decide (it times out on wide counted repetitions) must be reviewed by hand: the entry then says why it is linear.
// docs/decisions/0033-hostile-input.md
import { readFileSync, writeFileSync } from 'node:fs';
import { checkSync } from 'recheck';
import { findRegexes, splitLiteral } from '../test/support/source-scan.ts';

const AUDIT = 'test/fuzz/regex-audit.json';
const all = process.argv.includes('--all');
const audit = JSON.parse(readFileSync(AUDIT, 'utf8')) as Record<string, string>;
const found = findRegexes('.').filter((r) => !r.dynamic);
const next: Record<string, string> = {};
let failed = 0;
for (const { where, text } of found) {
  if (next[text] !== undefined) continue;
  const known = audit[text];
  if (known !== undefined && (!all || known !== 'safe')) {
    next[text] = known;
    continue;
  }
  const { source, flags } = splitLiteral(text);
  const result = checkSync(source, flags, { timeout: 20_000 });
  if (result.status === 'safe') next[text] = 'safe';
  else {
    failed++;
    const detail =
      result.status === 'vulnerable'
        ? `${result.complexity.type}, attack ${result.attack.pattern}`
        : `undecided (${result.error.kind})`;
    process.stderr.write(`${where}: ${text}: ${detail}\n`);
  }
}
const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(AUDIT, `${JSON.stringify(sorted, null, 2)}\n`);
process.stderr.write(`${Object.keys(sorted).length} patterns recorded; ${failed} to fix or review by hand\n`);
process.exit(failed > 0 ? 1 : 0);
