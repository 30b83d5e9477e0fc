import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { packagePath } from '../../package-dir.ts';
import { DELIVERY_FORMULAS, KPI_FORMULAS } from './kpi-formulas.ts';
import { inlineMarkdown } from './pages/kpis.ts';

/** The rows of a formula table of docs/kpis.md (under the heading `section`): [KPI, JSON field, formula]. */
function documented(heading: string): string[][] {
  const text = readFileSync(packagePath('docs', 'kpis.md'), 'utf8');
  const section = text.split(`\n## ${heading}`)[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| KPI |'))
    .map((line) =>
      line
        .trim()
        .replace(/^\| | \|$/g, '')
        .split(' | '),
    );
}

for (const [heading, shown, least] of [
  ['Formulas', KPI_FORMULAS, 9],
  ['Delivery KPIs', DELIVERY_FORMULAS, 5],
] as const) {
  it(`the KPI page shows every formula of docs/kpis.md's "${heading}" table word for word`, () => {
    const rows = documented(heading);
    assert.ok(rows.length >= least, `${rows.length} formula rows under "${heading}" in docs/kpis.md`);
    for (const [name, field, formula] of rows) {
      const entry = shown.find((f) => f.name === name);
      assert.ok(
        entry,
        `docs/kpis.md has a formula for "${name}" the dashboard's KPI page lacks: add it to src/serve/dashboard/kpi-formulas.ts`,
      );
      assert.equal(entry.field, field, name);
      assert.equal(entry.formula, formula, name);
    }
    assert.equal(shown.length, rows.length, 'a formula on the KPI page that docs/kpis.md does not have');
  });
}

it('formula anchors are unique', () => {
  const ids = [...KPI_FORMULAS, ...DELIVERY_FORMULAS].map((f) => f.id);
  assert.equal(new Set(ids).size, ids.length);
});

it('inline markdown: code and bold become tags, everything else is escaped', () => {
  assert.equal(
    inlineMarkdown('`a < b` and **met** & <script>"x"</script>'),
    '<code>a &lt; b</code> and <strong>met</strong> &amp; &lt;script&gt;&quot;x&quot;&lt;/script&gt;',
  );
});
