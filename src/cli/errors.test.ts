import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { Failure } from '../core/failure.ts';
import { describeError, errorReason, UsageError } from './errors.ts';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('did not throw');
}

describe('describeError', () => {
  it('prints expected failures as they are, not as bugs', () => {
    assert.deepEqual(describeError(new UsageError('--fail-on must be …')), {
      message: '--fail-on must be …',
      bug: false,
    });
    assert.equal(describeError(new Failure('x')).bug, false);
  });

  it('names the file and the reason of a file-system error, without Node jargon', () => {
    const missing = describeError(thrown(() => readFileSync('/nonexistent/shipshape-test')));
    assert.deepEqual(missing, {
      message: 'cannot open "/nonexistent/shipshape-test": no such file or directory (ENOENT)',
      bug: false,
    });
    const directory = describeError(thrown(() => readFileSync('/')));
    assert.equal(directory.bug, false);
    assert.equal(directory.message, 'cannot read: it is a directory (EISDIR)');
    const notDirectory = describeError(thrown(() => readFileSync('/etc/hostname/x')));
    assert.match(
      notDirectory.message,
      /"\/etc\/hostname\/x": a part of the path is not a directory \(ENOTDIR\)/,
    );
  });

  it('finds the system error in a cause chain and keeps the outer words', () => {
    const cause = thrown(() => readFileSync('/nonexistent/plan.yaml'));
    const wrapped = new Error('reading the plan\nsecond line', { cause });
    assert.deepEqual(describeError(wrapped), {
      message: 'reading the plan: cannot open "/nonexistent/plan.yaml": no such file or directory (ENOENT)',
      bug: false,
    });
  });

  it('names the server of a refused connection', async () => {
    const error = await new Promise<unknown>((resolve) => {
      // Port 1 on loopback: nothing listens there.
      const socket = connect({ host: '127.0.0.1', port: 1 });
      socket.on('error', resolve);
    });
    assert.deepEqual(describeError(error), {
      message: 'cannot connect to 127.0.0.1:1: connection refused (ECONNREFUSED)',
      bug: false,
    });
  });

  it('calls anything else a bug, on one line', () => {
    assert.deepEqual(describeError(new TypeError('x is undefined\n  at somewhere')), {
      message: 'internal error: x is undefined',
      bug: true,
    });
    assert.deepEqual(describeError('a string'), { message: 'internal error: a string', bug: true });
  });

  it('gives the reason alone for messages that name the file themselves', () => {
    assert.equal(
      errorReason(thrown(() => readFileSync('/nonexistent/x'))),
      'no such file or directory (ENOENT)',
    );
    assert.equal(errorReason(new Error('bad YAML at line 3\n  detail')), 'bad YAML at line 3');
  });
});
