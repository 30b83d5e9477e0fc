import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  credentialInValue,
  isPlaceholderValue,
  isSecretName,
  normaliseCapability,
  normaliseHostPath,
  PRIVATE_KEY,
} from './security-context.ts';

describe('security-context helpers', () => {
  it('recognises secret-looking names', () => {
    for (const name of [
      'password',
      'DB_PASSWORD',
      'dbPassword',
      'REDIS_PASS',
      'passwd',
      'API_KEY',
      'apiKey',
      'GITHUB_TOKEN',
      'client_secret',
      'AWS_SECRET_ACCESS_KEY',
      'AZURE_STORAGE_KEY',
      'OCI_CLI_KEY_CONTENT',
      'PRIVATE_KEY',
      'bearer',
    ])
      assert.ok(isSecretName(name), name);
    for (const name of [
      'USER',
      'BYPASS',
      'PASSTHROUGH',
      'COMPASS_URL',
      'SECRET_NAME',
      'TOKEN_URL',
      'PASSWORD_FILE',
      'AWS_ACCESS_KEY_ID',
      'TOKENIZERS_PARALLELISM',
      'KEY',
      'PASSWORD_MIN',
      // Settings about credentials (the postgres-operator ConfigMap), not credentials.
      'password_rotation_interval',
      'password_rotation_user_retention',
      'secret_name_template',
      'tokenRefreshPeriod',
    ])
      assert.ok(!isSecretName(name), name);
  });
  it('recognises placeholder values', () => {
    for (const v of [
      '',
      ' ',
      'true',
      '$(FROM_ENV)',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell-style placeholder
      '${VAR}',
      '{{ .Values.x }}',
      '<changeme>',
      '/run/secrets/x',
    ])
      assert.ok(isPlaceholderValue(v), v);
    for (const v of ['hunter2', 'changeme', 'sk_live_123']) assert.ok(!isPlaceholderValue(v), v);
  });
  it('matches PEM private keys of every flavour, not certificates', () => {
    assert.ok(PRIVATE_KEY.test('-----BEGIN RSA PRIVATE KEY-----'));
    assert.ok(PRIVATE_KEY.test('---BEGIN OPENSSH PRIVATE KEY---'));
    assert.ok(PRIVATE_KEY.test('-----BEGIN PRIVATE KEY-----'));
    assert.ok(!PRIVATE_KEY.test('-----BEGIN CERTIFICATE-----'));
    assert.ok(!PRIVATE_KEY.test('-----BEGIN PUBLIC KEY-----'));
  });
  it('recognises credentials by value', () => {
    assert.equal(credentialInValue('mysql://root:pw@db/x'), 'a URL with an embedded password');
    assert.equal(credentialInValue(`xoxb-${'1'.repeat(12)}`), 'a Slack token');
    assert.equal(credentialInValue('https://example.com/a@b'), undefined);
    assert.equal(credentialInValue('redis://:$(REDIS_PASSWORD)@redis:6379'), undefined);
    assert.equal(credentialInValue('plain text'), undefined);
  });
  it('normalises host paths and capabilities', () => {
    assert.equal(normaliseHostPath('//etc//'), '/etc');
    assert.equal(normaliseHostPath('/var/log/../../proc/.'), '/proc');
    assert.equal(normaliseHostPath('/'), '/');
    assert.equal(normaliseCapability(' cap_net_raw '), 'NET_RAW');
  });
});
