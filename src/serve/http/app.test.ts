import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logLine } from '../../core/printable.ts';
import { createApp } from './app.ts';

/** The lines the app writes to stderr while `run` runs. */
async function stderrOf(run: () => unknown): Promise<string> {
  const original = process.stderr.write;
  let text = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    await run();
  } finally {
    process.stderr.write = original;
  }
  return text;
}

describe('http app error log', () => {
  const app = createApp({
    host: '127.0.0.1',
    auth: {},
    metrics: () => undefined,
    dashboard: (a) => {
      // A route whose error message carries request data, as a store or parser error may.
      a.get('/boom/:what', (c) => {
        throw new Error(`cannot read ${decodeURIComponent(c.req.param('what'))}`);
      });
    },
  });

  it('writes one escaped line for an error whose message carries a forged log line', async () => {
    const forged = 'x\r\nshipshape serve: GET /admin: login ok\u001b[31m\u202e';
    let status = 0;
    const log = await stderrOf(async () => {
      status = (await app.request(`/boom/${encodeURIComponent(forged)}`)).status;
    });
    assert.equal(status, 500);
    assert.equal(log.split('\n').length, 2, log);
    assert.ok(log.endsWith('\n'));
    assert.match(log, /cannot read x\\r\\nshipshape serve: GET \/admin: login ok\\x1b\[31m\\u202e/);
    assert.ok(!log.includes('\u001b'), 'no raw escape character');
  });

  it('bounds a long message', async () => {
    const log = await stderrOf(() => app.request(`/boom/${'a'.repeat(100_000)}`));
    assert.ok(log.length < 1000, `${log.length} characters`);
    assert.match(log, /… \(\d+ more characters\)\n$/);
  });

  it('the response never echoes the message', async () => {
    let body = '';
    await stderrOf(async () => {
      body = await (await app.request('/boom/secret-path')).text();
    });
    assert.equal(body, '500 Internal Server Error\n');
  });
});

describe('logLine', () => {
  it('keeps plain text, escapes breaks and tabs, never splits a surrogate pair', () => {
    assert.equal(logLine('plain text'), 'plain text');
    assert.equal(logLine('a\nb\tc\rd'), 'a\\nb\\tc\\x0dd');
    assert.equal(logLine('ab😀cd', 3), 'ab… (4 more characters)');
    assert.equal(logLine('abcdef', 3), 'abc… (3 more characters)');
  });
});
