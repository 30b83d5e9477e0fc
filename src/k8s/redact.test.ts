import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, redactArgs, redactForSnapshot, redactLine, redactMessages, redactText } from './redact.ts';

describe('redactLine', () => {
  it('redacts a secret-named flag and its value, with a space or =', () => {
    assert.equal(redactLine('exec /app --password hunter2x'), `exec /app --password ${REDACTED}`);
    assert.equal(redactLine('exec /app --db-token=abc123xyz'), `exec /app --db-token=${REDACTED}`);
    assert.equal(redactLine('psql -password "two words"'), `psql -password ${REDACTED}`);
    // Not a secret flag, a placeholder, or another flag after it: kept.
    assert.equal(
      redactLine('run --verbose yes --password-file /run/pw'),
      'run --verbose yes --password-file /run/pw',
    );
    assert.equal(redactLine('--password $(DB_PASSWORD)'), '--password $(DB_PASSWORD)');
    assert.equal(redactLine('--password --verbose'), '--password --verbose');
  });

  it('redacts key=value pairs, URL passwords, bearer tokens, JWTs', () => {
    assert.equal(redactLine('PGPASSWORD=s3cret psql'), `PGPASSWORD=${REDACTED} psql`);
    assert.equal(redactLine('"client_secret": "abc"'), `"client_secret": "${REDACTED}"`);
    assert.equal(redactLine('postgres://app:pw123@db/x'), `postgres://app:${REDACTED}@db/x`);
    assert.equal(redactLine('Authorization: Bearer abc.def-123'), `Authorization: Bearer ${REDACTED}`);
    assert.equal(redactLine('Bearer authentication failed'), 'Bearer authentication failed');
  });

  it('redacts an AWS key pair: the key id and the 40-character secret beside it', () => {
    const line = 'aws AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY done';
    assert.equal(redactLine(line), `aws ${REDACTED} ${REDACTED} done`);
    // Without a key id, 40 characters are just 40 characters (a commit id, a digest).
    const digest = 'sha 0123456789abcdef0123456789abcdef01234567';
    assert.equal(redactLine(digest), digest);
  });

  it('withholds a private key block whole, across lines', () => {
    const text = 'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----\nafter';
    assert.equal(
      redactText(text),
      `key:\n${REDACTED} (private key)\n${REDACTED}\n${REDACTED}\n${REDACTED}\nafter`,
    );
  });
});

describe('redactArgs', () => {
  it('redacts the item after a secret-named flag, and key=value items', () => {
    assert.deepEqual(redactArgs(['/app', '--password', 'pw1', '--port', '80', '--token=t0k3n']), [
      '/app',
      '--password',
      REDACTED,
      '--port',
      '80',
      `--token=${REDACTED}`,
    ]);
    const clean = ['/app', '--port', '80'];
    assert.equal(redactArgs(clean), clean, 'unchanged lists are returned as they are');
  });
});

describe('redactMessages', () => {
  it('redacts event, status, condition and container messages; leaves other objects untouched', () => {
    const event = { kind: 'Event', message: 'exec --password=pw1', reason: 'BackOff' };
    assert.equal(redactMessages(event).message, `exec --password=${REDACTED}`);
    const pod = {
      kind: 'Pod',
      spec: { containers: [{ name: 'a', env: [{ name: 'PASSWORD', value: 'kept-in-spec' }] }] },
      status: {
        message: 'token=abc123',
        conditions: [{ type: 'Ready', message: 'password: x1y2' }],
        containerStatuses: [
          {
            name: 'a',
            lastState: { terminated: { message: 'postgres://u:pw@db' } },
            state: { waiting: { message: 'ok' } },
          },
        ],
      },
    };
    const out = redactMessages(pod);
    assert.equal(out.status.message, `token=${REDACTED}`);
    assert.equal(out.status.conditions[0]!.message, `password: ${REDACTED}`);
    assert.equal(
      out.status.containerStatuses[0]!.lastState.terminated.message,
      `postgres://u:${REDACTED}@db`,
    );
    assert.equal(out.spec, pod.spec, 'the spec is shared, not copied: checks still see env values');
    assert.equal(pod.status.message, 'token=abc123', 'the input is not changed');
    const plain = { kind: 'Pod', status: { message: 'Back-off restarting failed container' } };
    assert.equal(redactMessages(plain), plain);
  });
});

describe('redactForSnapshot', () => {
  it('withholds Secret values but the certificate, env secrets, command lines, ConfigMap secrets, last-applied', () => {
    const secret = {
      kind: 'Secret',
      type: 'kubernetes.io/tls',
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{}}' } },
      data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' },
    };
    const s = redactForSnapshot(secret, new Set(['tls.crt']));
    assert.deepEqual(s.data, { 'tls.crt': 'Y2VydA==', 'tls.key': REDACTED });
    assert.equal(s.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'], REDACTED);
    const deployment = {
      kind: 'Deployment',
      metadata: {
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
            spec: { template: { spec: { containers: [{ env: [{ name: 'API_KEY', value: 'k3y' }] }] } } },
          }),
        },
      },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'a',
                command: ['/app', '--password', 'pw1'],
                env: [
                  { name: 'API_KEY', value: 'k3y' },
                  { name: 'API_KEY_FILE', value: '/run/key' },
                  { name: 'MODE', value: 'production' },
                ],
              },
            ],
          },
        },
      },
    };
    const d = redactForSnapshot(deployment, new Set());
    const c = d.spec.template.spec.containers[0]!;
    assert.deepEqual(c.command, ['/app', '--password', REDACTED]);
    assert.deepEqual(
      c.env.map((e) => e.value),
      [REDACTED, '/run/key', 'production'],
    );
    assert.doesNotMatch(d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'], /k3y/);
    const configMap = {
      kind: 'ConfigMap',
      data: { token: 'abc', 'app.properties': 'a=1\ndb.password=pw\n', mode: 'x' },
    };
    assert.deepEqual(redactForSnapshot(configMap, new Set()).data, {
      token: REDACTED,
      'app.properties': `a=1\ndb.password=${REDACTED}\n`,
      mode: 'x',
    });
  });
});
