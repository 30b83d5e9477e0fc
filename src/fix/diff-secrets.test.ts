import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../core/object.ts';
import { maskSecrets, secretValuesOf } from './diff-secrets.ts';

describe('secret values in a --fix diff', () => {
  it('finds Secret data, secret-named env values and credentials, not ordinary values', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { token: 'dG9rZW4tdmFsdWU=' },
      stringData: { 'ca.key': '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----' },
    } as KubeObject;
    assert.deepEqual(secretValuesOf(secret).sort(), [
      '-----BEGIN PRIVATE KEY-----',
      '-----END PRIVATE KEY-----',
      'MIIEvQIBADANBgkq',
      'dG9rZW4tdmFsdWU=',
    ]);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'app:1.0',
            env: [
              { name: 'DB_PASSWORD', value: 'hunter2-x' },
              { name: 'LOG_LEVEL', value: 'debug' },
              { name: 'DSN', value: 'postgres://app:pw-in-url@db/app' },
              { name: 'API_TOKEN', value: '$(TOKEN_FROM_SECRET)' },
            ],
          },
        ],
      },
    } as KubeObject;
    assert.deepEqual(secretValuesOf(pod).sort(), ['hunter2-x', 'postgres://app:pw-in-url@db/app']);
  });

  it('masks them in every diff line but the headers, and counts the lines', () => {
    const diff =
      '--- a/x.yaml\n+++ b/x.yaml\n@@ -1,3 +1,4 @@\n   password: hunter2-x\n+  allowPrivilegeEscalation: false\n';
    const out = maskSecrets(diff, ['hunter2-x']);
    assert.equal(out.masked, 1);
    assert.equal(
      out.diff,
      '--- a/x.yaml\n+++ b/x.yaml\n@@ -1,3 +1,4 @@\n   password: <redacted by shipshape>\n+  allowPrivilegeEscalation: false\n',
    );
  });
});
