import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../cli/errors.ts';
import { DEFAULTS, httpAddress, parseServeConfig } from './config.ts';

const refuses = (raw: unknown, message: RegExp) =>
  assert.throws(
    () => parseServeConfig(raw, 'serve.yaml'),
    (e: unknown) => e instanceof UsageError && message.test(e.message),
  );

describe('serve config', () => {
  it('reads clusters with their own and the inherited settings', () => {
    const c = parseServeConfig({
      database: 'postgres://db/shipshape',
      interval: '10m',
      retention: '90d',
      clusters: [
        { context: 'prod', namespaces: ['shop'], upgradeTarget: 1.34, include: ['reliability'] },
        { name: 'self', inCluster: true, interval: '1h', timeout: '30s' },
      ],
      kpi: { sla: { critical: '3d' } },
      http: { tokenFile: '/etc/shipshape/token' },
      teamLabel: 'example.com/team',
      notify: { interval: '5m', channels: [{ name: 'ops', kind: 'webhook', urlEnv: 'HOOK' }] },
    });
    assert.equal(c.database, 'postgres://db/shipshape');
    assert.equal(c.retentionMs, 90 * 86_400_000);
    assert.deepEqual(
      c.clusters.map((t) => [
        t.name,
        t.context,
        t.inCluster,
        t.intervalMs,
        t.timeoutMs,
        t.namespaces,
        t.upgradeTarget,
      ]),
      [
        ['prod', 'prod', false, 600_000, DEFAULTS.timeoutMs, ['shop'], '1.34'],
        ['self', undefined, true, 3_600_000, 30_000, undefined, undefined],
      ],
    );
    assert.deepEqual(c.clusters[0]!.include, ['reliability']);
    assert.equal(c.sla.critical, 3 * 86_400_000);
    assert.equal(c.sla.high, 30 * 86_400_000, 'the other SLAs keep their defaults');
    assert.deepEqual(c.http, { tokenFile: '/etc/shipshape/token' }, 'values are read by the HTTP half');
    assert.equal(c.teamLabel, 'example.com/team');
    assert.deepEqual(c.notify, {
      interval: '5m',
      channels: [{ name: 'ops', kind: 'webhook', urlEnv: 'HOOK' }],
    });
  });

  it('refuses unknown keys with their place and the nearest known key', () => {
    refuses({ intreval: '5m' }, /unknown key "intreval" \(did you mean "interval"\?\); known: database/);
    refuses(
      { clusters: [{ context: 'a' }, { context: 'b', namespace: ['x'] }] },
      /unknown key "clusters\[1\]\.namespace" \(did you mean "clusters\[1\]\.namespaces"\?\)/,
    );
    refuses({ kpi: { sla: { severe: '1d' } } }, /unknown key "kpi\.sla\.severe"/);
    refuses({ kpi: { slas: {} } }, /unknown key "kpi\.slas" \(did you mean "kpi\.sla"\?\)/);
    // One key for notifications (the notifier's `notify`): the other spelling is refused, not ignored.
    refuses({ notifications: {} }, /unknown key "notifications" \(did you mean "notify"\?\)/);
    refuses(
      { notify: { channel: [] } },
      /unknown key "notify\.channel" \(did you mean "notify\.channels"\?\)/,
    );
    refuses(
      { notify: { channels: [{ name: 'a', kind: 'slack', urlfile: '/x' }] } },
      /unknown key "notify\.channels\[0\]\.urlfile" \(did you mean "notify\.channels\[0\]\.urlFile"\?\)/,
    );
    refuses({ http: { token: 'x' } }, /unknown key "http\.token"/);
    refuses({ http: { port: '8080' } }, /"http\.port" must be a port number \(0–65535\), not "8080"/);
    refuses({ http: { port: 70000 } }, /"http\.port" must be a port number/);
  });

  it('refuses wrong types and values, saying which key', () => {
    refuses([], /serve\.yaml: the file must be a mapping/);
    refuses({ clusters: { prod: {} } }, /"clusters" must be a list/);
    refuses({ interval: 15 }, /"interval" must be a duration such as 30s/);
    refuses({ interval: '500ms' }, /"interval": "500ms" is not a duration/);
    refuses({ timeout: '0s' }, /"timeout": "0s" is not a duration/);
    refuses(
      { clusters: [{ context: 'a', namespaces: 'shop' }] },
      /"clusters\[0\]\.namespaces" must be a list of strings/,
    );
    refuses(
      { clusters: [{ context: 'a', inCluster: 'yes' }] },
      /"clusters\[0\]\.inCluster" must be true or false/,
    );
    refuses(
      { clusters: [{ namespaces: ['a'] }] },
      /clusters\[0\]: give a name, a context, or inCluster: true/,
    );
    refuses({ clusters: [{ context: 'a' }, { name: 'a', context: 'b' }] }, /cluster name "a" is used twice/);
    refuses(
      { clusters: [{ name: 'has space', context: 'a' }] },
      /clusters\[0\]\.name "has space": use letters/,
    );
    refuses(
      { clusters: [{ inCluster: true, context: 'a' }] },
      /cannot be combined with kubeconfig or context/,
    );
    refuses({ database: '' }, /"database" must be a non-empty string/);
  });

  it('listens where the http section says (the Helm chart sets host and port there), else on loopback', () => {
    assert.deepEqual(httpAddress(parseServeConfig({ http: { host: '0.0.0.0', port: 9090 } })), {
      host: '0.0.0.0',
      port: 9090,
    });
    assert.deepEqual(httpAddress(parseServeConfig({})), { host: '127.0.0.1', port: 8080 });
  });

  it('has defaults for an empty file', () => {
    const c = parseServeConfig({});
    assert.deepEqual(c.clusters, []);
    assert.equal(c.retentionMs, DEFAULTS.retentionMs);
    assert.equal(c.sla.critical, 7 * 86_400_000);
  });
});
