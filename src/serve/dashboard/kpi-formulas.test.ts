import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { packagePath } from '../../package-dir.ts';
import { KPI_FORMULAS } from './kpi-formulas.ts';
import { inlineMarkdown } from './pages/kpis.ts';

/** The rows of the "Formulas" table of docs/kpis.md: [KPI, JSON field, formula]. */
function documented(): string[][] {
  const text = readFileSync(packagePath('docs', 'kpis.md'), 'utf8');
  const section = text.split('\n## Formulas')[1]?.split('\n## ')[0] ?? '';
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

it('the KPI page shows every formula of docs/kpis.md word for word', () => {
  const rows = documented();
  assert.ok(rows.length >= 9, `${rows.length} formula rows in docs/kpis.md`);
  for (const [name, field, formula] of rows) {
    const shown = KPI_FORMULAS.find((f) => f.name === name);
    assert.ok(
      shown,
      `docs/kpis.md has a formula for "${name}" the dashboard's KPI page lacks: add it to src/serve/dashboard/kpi-formulas.ts`,
    );
    assert.equal(shown.field, field, name);
    assert.equal(shown.formula, formula, name);
  }
  assert.equal(KPI_FORMULAS.length, rows.length, 'a formula on the KPI page that docs/kpis.md does not have');
  assert.equal(new Set(KPI_FORMULAS.map((f) => f.id)).size, KPI_FORMULAS.length, 'anchors are unique');
});

it('inline markdown: code and bold become tags, everything else is escaped', () => {
  assert.equal(
    inlineMarkdown('`a < b` and **met** & <script>"x"</script>'),
    '<code>a &lt; b</code> and <strong>met</strong> &amp; &lt;script&gt;&quot;x&quot;&lt;/script&gt;',
  );
});
