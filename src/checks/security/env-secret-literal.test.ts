import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCheckOn, testCheck } from '../../../test/support/check-tester.ts';
import { envSecretLiteral } from './env-secret-literal.ts';

const pod = (env: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      env:
${env}`;
const v = (name: string, value: string) =>
  `        - name: ${name}\n          value: ${JSON.stringify(value)}\n`;

testCheck(envSecretLiteral, {
  valid: [
    { name: 'ordinary variables', yaml: pod(v('LOG_LEVEL', 'debug') + v('DB_USER', 'app')) },
    {
      name: 'secret from a Secret',
      yaml: pod(
        '        - name: DB_PASSWORD\n          valueFrom: {secretKeyRef: {name: db, key: password}}\n',
      ),
    },
    {
      name: 'path to a secret file',
      yaml: pod(
        v('DB_PASSWORD_FILE', '/run/secrets/db') +
          v('GOOGLE_APPLICATION_CREDENTIALS', '/var/secrets/key.json'),
      ),
    },
    {
      name: 'names describing a secret',
      yaml: pod(
        v('SECRET_NAME', 'db-creds') +
          v('TOKEN_URL', 'https://auth/token') +
          v('AWS_ACCESS_KEY_ID', 'AKIAEXAMPLE'),
      ),
    },
    {
      name: 'placeholders and references',
      yaml: pod(v('API_TOKEN', '$(TOKEN_FROM_SECRET)') + v('PASSWORD', '') + v('ENABLE_TOKEN', 'true')),
    },
    {
      name: 'words that contain pass',
      yaml: pod(v('BYPASS_CACHE', 'yes please') + v('PASSTHROUGH_MODE', 'full')),
    },
    {
      name: 'env not a list',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, env: {PASSWORD: x}}]}\n',
    },
  ],
  invalid: [
    {
      name: 'plaintext password',
      yaml: pod(v('DB_USER', 'app') + v('DB_PASSWORD', 'hunter2')),
      findings: [
        {
          message: 'container "app" env var "DB_PASSWORD" holds a literal secret value',
          path: 'spec.containers[0].env[1].value',
          line: 12,
        },
      ],
    },
    {
      name: 'secret, token, api key, camelCase, cloud keys',
      yaml: pod(
        v('SECRET_BLAH', 'x1') +
          v('githubToken', 'ghp_x') +
          v('STRIPE_API_KEY', 'sk_live_x') +
          v('AWS_SECRET_ACCESS_KEY', 'abc') +
          v('AZURE_STORAGE_KEY', 'k') +
          v('REDIS_PASS', 'p'),
      ),
      findings: [
        { message: /SECRET_BLAH/ },
        { message: /githubToken/ },
        { message: /STRIPE_API_KEY/ },
        { message: /AWS_SECRET_ACCESS_KEY/ },
        { message: /AZURE_STORAGE_KEY/ },
        { message: /REDIS_PASS/ },
      ],
    },
    {
      name: 'private key under any name',
      yaml: pod(v('TLS', '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----')),
      findings: [{ message: 'container "app" env var "TLS" holds a private key in plain text' }],
    },
    {
      name: 'credentials recognisable by their value',
      yaml: pod(v('DATABASE_URL', 'postgres://app:hunter2@db:5432/app') + v('GH', `ghp_${'a'.repeat(36)}`)),
      findings: [
        {
          message:
            'container "app" env var "DATABASE_URL" holds a URL with an embedded password in plain text',
        },
        { message: 'container "app" env var "GH" holds a GitHub token in plain text' },
      ],
    },
  ],
});

it('env-secret-literal: the message never contains the value', () => {
  const findings = runCheckOn(envSecretLiteral, {
    name: 'x',
    yaml: pod(v('DB_PASSWORD', 'hunter2-very-secret')),
  });
  assert.equal(findings.length, 1);
  assert.ok(!JSON.stringify(findings).includes('hunter2-very-secret'));
});
