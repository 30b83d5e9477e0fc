// One self-contained HTML file for a report: styles inline, no script, no image, no font or other request, so
// it opens offline from a mail attachment or a CI artefact (polaris#363, #803). Only the report's own fields are
// printed; cluster text in them was redacted where it was read (k8s/redact.ts) and is escaped here.
import { describeRef } from '../core/object.ts';
import { SEVERITIES } from '../core/severity.ts';
import { runbookUrl } from '../docs/links.ts';
import { HTML_STYLE } from './html-style.ts';
import { location, plural, type ReportedFinding, type Reporter } from './reporter.ts';

/** Past this many findings the rest are counted, not listed: the file must stay small enough to open. */
export const HTML_MAX_FINDINGS = 5000;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const htmlReporter: Reporter = (report, options) => {
  const e = escapeHtml;
  const active = report.findings.filter((f) => !f.suppressed);
  const rules = new Map((options.rules ?? []).map((r) => [r.id, r]));
  const title = `shipshape ${report.command}`;
  const source = [
    report.source.kind,
    report.source.context ?? '',
    report.source.server ?? '',
    ...(report.source.paths ?? []),
  ]
    .filter(Boolean)
    .join(' · ');
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Belt and braces: even a link someone adds later cannot load anything.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${e(title)}</title>`,
    `<style>${HTML_STYLE}</style></head><body>`,
    `<main id="main"><h1>${e(title)}</h1>`,
    `<p class="muted">${e(`shipshape ${report.tool.version}`)} · ${e(source)}</p>`,
  ];
  if (report.errors.some((x) => x.level !== 'warning'))
    out.push(
      `<p class="banner failed" role="alert">${e(plural(report.errors.filter((x) => x.level !== 'warning').length, 'error'))}: part of the input could not be read or checked; the findings below are incomplete.</p>`,
    );
  else if (report.errors.length > 0)
    out.push(
      `<p class="banner partial" role="status">${e(plural(report.errors.length, 'warning'))}: some kinds or namespaces may not have been read; see Problems below.</p>`,
    );
  out.push('<section aria-labelledby="summary"><h2 id="summary">Summary</h2><div class="cards">');
  for (const s of SEVERITIES)
    out.push(
      `<div class="card"><div class="sev sev-${s}">${s}</div><div class="n">${report.summary.bySeverity[s]}</div></div>`,
    );
  out.push(
    `<div class="card"><div class="muted">objects checked</div><div class="n">${report.summary.objects}</div></div>`,
    `<div class="card"><div class="muted">suppressed</div><div class="n">${report.summary.suppressed}</div></div>`,
    '</div></section>',
  );
  if (report.upgrade)
    out.push(`<p><strong>Upgrade to ${e(report.upgrade.target)}:</strong> ${e(report.upgrade.verdict)}</p>`);
  if (report.causes && report.causes.length > 0) {
    out.push('<section aria-labelledby="causes"><h2 id="causes">Root causes</h2><ol>');
    for (const cause of report.causes)
      out.push(
        `<li><span class="sev sev-${cause.severity}">${cause.severity}</span> ${e(cause.summary)}` +
          ` <span class="muted">(${e(plural(cause.findings.length, 'finding'))}, ${e(plural(cause.impact.pods, 'pod'))})</span>` +
          (cause.nextSteps.length ? `<pre>${cause.nextSteps.map(e).join('\n')}</pre>` : '') +
          '</li>',
      );
    out.push('</ol></section>');
  }
  out.push(`<section aria-labelledby="findings"><h2 id="findings">Findings (${active.length})</h2>`);
  if (active.length === 0) out.push('<p>No findings.</p>');
  else {
    out.push(
      '<table><thead><tr><th scope="col">Severity</th><th scope="col">Check</th><th scope="col">Object</th><th scope="col">Finding</th></tr></thead><tbody>',
    );
    for (const f of active.slice(0, HTML_MAX_FINDINGS)) out.push(findingRow(f, rules.get(f.check)?.title));
    out.push('</tbody></table>');
    if (active.length > HTML_MAX_FINDINGS)
      out.push(`<p>${active.length - HTML_MAX_FINDINGS} more findings not listed (see -o json).</p>`);
  }
  out.push('</section>');
  const suppressed = report.findings.filter((f) => f.suppressed);
  if (suppressed.length > 0) {
    out.push(`<details><summary>Suppressed findings (${suppressed.length})</summary><table><tbody>`);
    for (const f of suppressed.slice(0, HTML_MAX_FINDINGS))
      out.push(
        `<tr><td><code>${e(f.check)}</code></td><td>${e(describeRef(f.object))}</td><td>${e(f.suppressed?.reason ?? '')}</td></tr>`,
      );
    out.push('</tbody></table></details>');
  }
  if (report.errors.length > 0) {
    out.push('<section aria-labelledby="problems"><h2 id="problems">Problems</h2><ul>');
    for (const x of report.errors.slice(0, 1000)) {
      const where = location(x) ?? x.object;
      out.push(
        `<li>${x.level === 'warning' ? 'warning' : '<strong>error</strong>'}: ${where ? `<code>${e(where)}</code>: ` : ''}${e(x.message)}</li>`,
      );
    }
    out.push('</ul></section>');
  }
  out.push('</main></body></html>');
  return `${out.join('\n')}\n`;
};

function findingRow(f: ReportedFinding, title: string | undefined): string {
  const e = escapeHtml;
  const where = location(f);
  const details: string[] = [];
  if (f.evidence?.length) details.push(`<pre>${f.evidence.map(e).join('\n')}</pre>`);
  details.push(`<p><strong>Fix:</strong> ${e(f.remediation)}</p>`);
  details.push(
    `<p><a href="${e(runbookUrl(f.check))}" rel="noreferrer">runbook</a> · <code>shipshape explain ${e(f.check)}</code></p>`,
  );
  return (
    `<tr><td class="sev sev-${f.severity}">${f.severity}</td>` +
    `<td><code>${e(f.check)}</code>${title ? `<div class="muted">${e(title)}</div>` : ''}</td>` +
    `<td>${e(describeRef(f.object))}${where ? `<div class="muted"><code>${e(where)}</code></div>` : ''}${f.path ? `<div class="muted"><code>${e(f.path)}</code></div>` : ''}</td>` +
    `<td>${e(f.message)}<details><summary>Evidence and fix</summary>${details.join('')}</details></td></tr>`
  );
}
