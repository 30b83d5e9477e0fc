import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCheckOn, testCheck } from '../../../test/support/check-tester.ts';
import { configmapSecretContent } from './configmap-secret-content.ts';

const cm = (data: string) => `
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data:
${data}`;

testCheck(configmapSecretContent, {
  valid: [
    { name: 'plain settings', yaml: cm('  LOG_LEVEL: info\n  db_user: postgres\n') },
    { name: 'no data', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' },
    { name: 'data not a map', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: [1]\n' },
    {
      name: 'config file with placeholders',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder in a config file
      yaml: cm('  app.yaml: |\n    db:\n      password: ${DB_PASSWORD}\n      user: app\n'),
    },
    {
      name: 'YAML structure under a credential-like name (kube-state-metrics label paths)',
      yaml: cm(
        '  config.yaml: |\n    labelsFromPath:\n      secret: [ status, secret ]\n      token: {from: spec}\n' +
          '      password: |\n        see the vault\n      apiKey: *shared\n',
      ),
    },
    {
      name: 'a public certificate',
      yaml: cm('  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n    MIIB\n    -----END CERTIFICATE-----\n'),
    },
  ],
  invalid: [
    {
      name: 'a literal after YAML structure lines still fires',
      yaml: cm('  config.yaml: |\n    labels: [a, b]\n    auth:\n      password: hunter2\n'),
      findings: [{ message: 'key "config.yaml" sets "password" to a literal value on line 3' }],
    },
    {
      name: 'password key',
      yaml: cm('  db_password: abc123\n'),
      findings: [{ message: 'key "db_password" looks like a credential', path: 'data.db_password' }],
    },
    {
      name: 'private key value',
      yaml: cm('  ssh: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    xxx\n'),
      findings: [{ message: 'key "ssh" holds a private key' }],
    },
    {
      name: 'password in an embedded properties file',
      yaml: cm(
        '  application.properties: |\n    spring.datasource.url=jdbc:x\n    spring.datasource.password=s3cr3t\n',
      ),
      findings: [
        {
          message:
            'key "application.properties" sets "spring.datasource.password" to a literal value on line 2',
        },
      ],
    },
  ],
});

it('configmap-secret-content: never prints values', () => {
  const findings = runCheckOn(configmapSecretContent, {
    name: 'x',
    yaml: cm('  app.ini: |\n    api_key = zz-top-secret-zz\n'),
  });
  assert.equal(findings.length, 1);
  assert.ok(!JSON.stringify(findings).includes('zz-top-secret-zz'));
});
