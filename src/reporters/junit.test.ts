import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildReport } from '../core/report.ts';
import { junitReporter, xmlEscape } from './junit.ts';
import { sampleReport } from './testing/sample-report.ts';
import { assertWellFormedXml } from './testing/xml.ts';

describe('junit reporter', () => {
  it('is well-formed XML with one testcase per finding and per input error', () => {
    const xml = junitReporter(sampleReport(), { color: false });
    const { root } = assertWellFormedXml(xml);
    assert.equal(root, 'testsuites');
    assert.match(xml, /<testsuites name="shipshape review" tests="5" failures="3" errors="1" skipped="1">/);
    assert.equal(xml.split('<testcase ').length - 1, 5);
    assert.equal(xml.split('<failure ').length - 1, 3);
    assert.match(xml, /<skipped message="suppressed: vendored chart, tracked in JIRA-12"\/>/);
    assert.match(xml, /<error message="invalid YAML: bad indentation" type="input">/);
  });

  it('escapes markup, quotes and newlines, and drops characters XML cannot carry', () => {
    const report = sampleReport();
    report.findings[0]!.message = 'a <b> & "c" \'d\' \u0001\u001b end';
    const xml = junitReporter(report, { color: false });
    assertWellFormedXml(xml);
    assert.ok(xml.includes('message="a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; \uFFFD\uFFFD end"'), xml);
    assert.ok(xml.includes('100%&#10;second line'), 'newline in an attribute is a character reference');
    assert.equal(xmlEscape('x\uD800y'), 'x\uFFFDy');
    assert.equal(xmlEscape('emoji 🚀 ok'), 'emoji 🚀 ok');
  });

  it('the checker used above rejects malformed XML', () => {
    assert.throws(() => assertWellFormedXml('<a><b></a></b>'));
    assert.throws(() => assertWellFormedXml('<a x="1 & 2"/>'));
    assert.throws(() => assertWellFormedXml('<a>1 < 2</a>'));
    assert.throws(() => assertWellFormedXml('<a x="1" x="2"/>'));
  });

  it('a clean run is one passing testcase', () => {
    const report = buildReport({
      version: '0.1.0',
      command: 'review',
      source: { kind: 'files' },
      objects: 2,
      findings: [],
      problems: [],
    });
    const xml = junitReporter(report, { color: false });
    assertWellFormedXml(xml);
    assert.match(xml, /tests="1" failures="0" errors="0" skipped="0"/);
    assert.ok(xml.includes('<testcase classname="shipshape" name="review: 2 objects, no findings"/>'), xml);
  });
});
