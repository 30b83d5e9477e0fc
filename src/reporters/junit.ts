// JUnit XML, which every CI system renders as a test report: one testsuite per file (or per object when there
// is no file), one testcase per finding, failing unless suppressed (then skipped). Input errors are errors.
import { describeRef } from '../core/object.ts';
import { type ChunkedReporter, joined, location, type ReportedFinding, type Reporter } from './reporter.ts';

/** Escapes text for XML content and attribute values, and drops characters XML 1.0 cannot carry at all. */
export function xmlEscape(text: string): string {
  return xmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** XML 1.0 allows tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and astral code points; the rest become U+FFFD. */
function xmlChars(text: string): string {
  let out = '';
  for (const char of text) {
    const c = char.codePointAt(0)!;
    const ok =
      c === 0x9 ||
      c === 0xa ||
      c === 0xd ||
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      (c >= 0x10000 && c <= 0x10ffff);
    out += ok ? char : '\uFFFD';
  }
  return out;
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(
      ([key, value]) =>
        ` ${key}="${xmlEscape(String(value)).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')}"`,
    )
    .join('');
}

export const junitReporterChunks: ChunkedReporter = function* (report) {
  const groups = new Map<string, ReportedFinding[]>();
  for (const f of report.findings) {
    const key = f.file ?? describeRef(f.object);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  // Totals first (the root element carries them), then each suite written as it is made (decision 0047).
  let skipped = 0;
  for (const f of report.findings) if (f.suppressed) skipped++;
  const failures = report.findings.length - skipped;
  const clean = groups.size === 0 && report.errors.length === 0;
  const tests = clean ? 1 : report.findings.length + report.errors.length;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attrs({ name: `shipshape ${report.command}`, tests, failures, errors: report.errors.length, skipped })}>\n`;
  for (const [group, findings] of groups) {
    let suiteSkipped = 0;
    for (const f of findings) if (f.suppressed) suiteSkipped++;
    yield `  <testsuite${attrs({ name: group, tests: findings.length, failures: findings.length - suiteSkipped, errors: 0, skipped: suiteSkipped })}>\n`;
    for (const f of findings) yield `${testcase(group, f)}\n`;
    yield '  </testsuite>\n';
  }
  if (report.errors.length > 0) {
    yield `  <testsuite${attrs({ name: 'errors', tests: report.errors.length, failures: 0, errors: report.errors.length, skipped: 0 })}>\n`;
    for (const e of report.errors) {
      const where = location(e) ?? e.object ?? 'input';
      yield `    <testcase${attrs({ classname: 'errors', name: where })}>\n      <error${attrs({ message: e.message, type: 'input' })}>${xmlEscape(`${where}: ${e.message}`)}</error>\n    </testcase>\n`;
    }
    yield '  </testsuite>\n';
  }
  if (clean) {
    // A clean run is one passing test, so CI shows the review ran rather than an empty report.
    yield `  <testsuite${attrs({ name: 'shipshape', tests: 1, failures: 0, errors: 0, skipped: 0 })}>\n    <testcase${attrs({ classname: 'shipshape', name: `${report.command}: ${report.summary.objects} objects, no findings` })}/>\n  </testsuite>\n`;
  }
  yield '</testsuites>\n';
};

export const junitReporter: Reporter = joined(junitReporterChunks);

/** One finding: a failure, or skipped when suppressed. */
function testcase(group: string, f: ReportedFinding): string {
  const name = `${f.check}: ${describeRef(f.object)}${f.path ? ` ${f.path}` : ''}`;
  const head = `    <testcase${attrs({ classname: group, name, ...(f.file ? { file: f.file } : {}), ...(f.line ? { line: f.line } : {}) })}>`;
  if (f.suppressed)
    return `${head}\n      <skipped${attrs({ message: `suppressed: ${f.suppressed.reason}` })}/>\n    </testcase>`;
  const body = [
    `${location(f) ?? describeRef(f.object)}: ${f.severity}: ${f.message}`,
    `object: ${describeRef(f.object)} (${f.object.apiVersion})`,
    ...(f.path ? [`path: ${f.path}`] : []),
    `fix: ${f.remediation}`,
    `runbook: ${f.runbook}`,
  ].join('\n');
  return `${head}\n      <failure${attrs({ message: f.message, type: f.severity })}>${xmlEscape(body)}</failure>\n    </testcase>`;
}
