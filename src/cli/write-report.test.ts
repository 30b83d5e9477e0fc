// Streamed output (decision 0047) is the output: byte for byte what the whole-string reporters give, and what the
// JSON contract and SARIF were before they were streamed (JSON.stringify of the whole value).
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Report } from '../core/report.ts';
import { guardLines, guardLinesOf } from '../reporters/escape.ts';
import { CHUNKED_REPORTERS } from '../reporters/index.ts';
import { Items } from '../reporters/json-chunks.ts';
import { sarifLog } from '../reporters/sarif.ts';
import { sampleReport } from '../reporters/testing/sample-report.ts';
import { render, ruleInfo, writeReport } from './output.ts';

/** The sample report grown to thousands of findings in hundreds of files, with many errors. */
function bigReport(): Report {
  const report = sampleReport();
  const base = report.findings;
  report.findings = [];
  for (let i = 0; i < 3000; i++) {
    const f = base[i % base.length]!;
    report.findings.push({
      ...f,
      file: `k8s/app-${i % 300}.yaml`,
      line: i,
      fingerprint: `${i}`.padStart(16, '0'),
    });
  }
  report.errors = Array.from({ length: 200 }, (_, i) => ({
    file: `bad-${i}.yaml`,
    line: i + 1,
    message: `bad "${i}"`,
  }));
  return report;
}

/** A stream that accepts little at a time and answers later, so the writer must wait for 'drain'. */
function slowSink(): { stream: Writable; text: () => string; writes: () => number; waited: () => number } {
  const parts: string[] = [];
  let waited = 0;
  const stream = new Writable({
    highWaterMark: 1024,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      parts.push(chunk);
      setImmediate(done);
    },
  });
  stream.on('drain', () => waited++);
  return { stream, text: () => parts.join(''), writes: () => parts.length, waited: () => waited };
}

describe('streamed reports', () => {
  for (const format of Object.keys(CHUNKED_REPORTERS)) {
    it(`-o ${format}: written in pieces, with backpressure, equal to the whole string`, async () => {
      const report = bigReport();
      for (const options of [{ color: false }, { color: true, showSuppressed: true }]) {
        const sink = slowSink();
        await writeReport(sink.stream, report, format, options);
        const whole = render(report, format, options);
        assert.equal(sink.text(), whole);
        assert.ok(sink.writes() > 3, `${format}: ${sink.writes()} writes`);
        assert.ok(sink.waited() > 0, `${format}: never waited for the stream`);
      }
    });
  }

  it('-o json is JSON.stringify of the report, byte for byte', async () => {
    const report = bigReport();
    const sink = slowSink();
    await writeReport(sink.stream, report, 'json', { color: false });
    assert.equal(sink.text(), `${JSON.stringify(report, null, 2)}\n`);
  });

  it('-o sarif is JSON.stringify of the whole SARIF log, byte for byte', async () => {
    const report = bigReport();
    const sink = slowSink();
    await writeReport(sink.stream, report, 'sarif', { color: false });
    const log = sarifLog(report, { color: false, rules: ruleInfo() });
    const whole = JSON.stringify(
      log,
      (_key, value) => (value instanceof Items ? value.source.map(value.map) : value),
      2,
    );
    assert.equal(sink.text(), `${whole}\n`);
  });

  it('other formats are written whole, and an unknown one is a usage error', async () => {
    const sink = slowSink();
    await writeReport(sink.stream, sampleReport(), 'markdown', { color: false });
    assert.equal(sink.text(), render(sampleReport(), 'markdown', { color: false }));
    await assert.rejects(
      writeReport(slowSink().stream, sampleReport(), 'yaml', { color: false }),
      /unknown output format/,
    );
  });

  it('streamed text-like formats are escaped as the whole string is: no raw control, no workflow command', async () => {
    const report = bigReport();
    report.findings = report.findings.map((f, i) => ({
      ...f,
      file: i % 7 === 0 ? '::error file=x::forged.yaml' : f.file,
      message: `${f.message}\n::add-mask::x \u001b]8;;http://evil\u0007 \u202e`,
    }));
    for (const format of Object.keys(CHUNKED_REPORTERS).filter((f) => f !== 'json' && f !== 'sarif')) {
      const sink = slowSink();
      await writeReport(sink.stream, report, format, { color: false });
      assert.equal(sink.text(), render(report, format, { color: false }), format);
      assert.doesNotMatch(sink.text(), /^[ \t]*(::|##\[)/m, format);
      for (const raw of ['\u001b', '\u0007', '\u202e']) assert.ok(!sink.text().includes(raw), format);
    }
  });
});

describe('guardLinesOf', () => {
  it('guards text cut into pieces anywhere exactly as the whole text', () => {
    const text = fc.string({
      unit: fc.constantFrom('::', '##[', ' ', '\t', '\n', 'a', ':', '#', '['),
      maxLength: 60,
    });
    fc.assert(
      fc.property(text, fc.array(fc.nat(60)), (whole, cuts) => {
        const at = [...new Set(cuts.map((c) => Math.min(c, whole.length)))].sort((a, b) => a - b);
        const pieces = [0, ...at].map((start, i) => whole.slice(start, at[i] ?? whole.length));
        assert.equal([...guardLinesOf(pieces)].join(''), guardLines(whole));
      }),
      { seed: 13, numRuns: 2000 },
    );
  });
});
