// No hangs on single values: every regular expression that reads user or cluster data must be linear-time. Each
// case below is the input that made one of our patterns quadratic (or worse) before it was rewritten, at 1 MiB,
// through the function that runs it; then every review and diagnose check over objects whose every string is such
// a value. A quadratic pattern takes minutes on 1 MiB, so the bound below only catches hangs, never speed
// (docs/decisions/0033-hostile-input.md). test/fuzz/regex-audit.test.ts checks each pattern's shape.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIAGNOSE_CHECKS } from '../../src/checks/diagnose-checks.ts';
import { REVIEW_CHECKS } from '../../src/checks/review-checks.ts';
import type { RunSettings } from '../../src/core/check.ts';
import { emptyConfig } from '../../src/core/config.ts';
import { runChecks, selectChecks } from '../../src/core/engine.ts';
import { ObjectIndex } from '../../src/core/index.ts';
import type { KubeObject } from '../../src/core/object.ts';
import { refOf } from '../../src/core/object.ts';
import { groupCauses } from '../../src/diagnose/causes.ts';
import { unexplainedEvents } from '../../src/diagnose/unexplained-events.ts';
import { usesFlushLists } from '../../src/fix/edit-yaml.ts';
import { cronMaxGapMs } from '../../src/hygiene/cron-period.ts';
import { parseCertificates } from '../../src/k8s/certificates.ts';
import { credentialInValue } from '../../src/k8s/security-context.ts';
import { ApiError } from '../../src/sources/cluster/client.ts';
import { parseDeprecatedApiMetrics } from '../../src/sources/cluster/deprecated-api-metrics.ts';
import { describeLogError, redactLogLine, sanitizeLog } from '../../src/sources/cluster/logs.ts';
import { parseDescribe, parseToleration } from '../../src/sources/describe/parse-describe.ts';
import { parseOrigin } from '../../src/sources/files/kustomize-origin.ts';
import { parseManifestText } from '../../src/sources/files/parse-yaml.ts';
import { splitHelmOutput } from '../../src/sources/files/render.ts';

const MIB = 1024 * 1024;
/** Far above a linear pass over 1 MiB on a loaded machine, far below a quadratic one. */
const HANG_MS = 10_000;

/** `pump` repeated to fill 1 MiB between a prefix and a suffix. */
function mib(pump: string, prefix = '', suffix = ''): string {
  return prefix + pump.repeat(Math.ceil((MIB - prefix.length - suffix.length) / pump.length)) + suffix;
}

function finishes<T>(what: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  const ms = performance.now() - started;
  assert.ok(ms < HANG_MS, `${what} took ${Math.round(ms)} ms on 1 MiB: super-linear`);
  return result;
}

describe('1 MiB adversarial values through each pattern that was super-linear', () => {
  it('private keys, URL credentials and tokens in values', () => {
    for (const value of [
      mib('---', '', '---BEGIN '),
      mib(' ', '---BEGIN ', '\t---'),
      mib('A', '', ':A://A:+@+'),
      mib('A+'),
      mib('-eyJ'),
      mib('ghp_a'),
    ])
      finishes('credentialInValue', () => credentialInValue(value));
    assert.equal(credentialInValue('-----BEGIN RSA PRIVATE KEY-----\nMIIE'), 'a private key');
    assert.equal(credentialInValue('postgres://app:s3cr3t@db:5432/app'), 'a URL with an embedded password');
  });

  it('log lines', () => {
    for (const line of [
      mib('A', '', '\u0000'),
      mib('A+'),
      mib('-eyJ'),
      mib('---', '', '---END '),
      mib(' ', 'x', '='),
      mib('a=', 'password='),
      mib('-A.', '', '\u0000'),
    ]) {
      const out = finishes('redactLogLine', () => redactLogLine(line));
      assert.ok(out.length > 0);
    }
    finishes('sanitizeLog', () => sanitizeLog(mib('a: b\n'), 20));
    assert.match(redactLogLine('login with password=hunter2 ok'), /password=<redacted by shipshape> ok/);
  });

  it('log read errors', () => {
    const message = mib('PREVIOUS TERMINATED CONTAINER F', '', '\n');
    const out = finishes('describeLogError', () =>
      describeLogError(new ApiError(400, 'BadRequest', message)),
    );
    assert.ok(out.length <= 200);
  });

  it('list style of a manifest (--fix)', () => {
    assert.equal(
      finishes('usesFlushLists', () => usesFlushLists(mib(': '))),
      false,
    );
    assert.equal(
      finishes('usesFlushLists', () => usesFlushLists(mib('\u0000 ', '', '\n'))),
      false,
    );
    assert.equal(usesFlushLists('spec:\n  containers:\n  - name: a\n'), true);
    assert.equal(usesFlushLists('spec:\n  containers:\n    - name: a\n'), false);
  });

  it('PEM bundles with BEGIN lines and no END', () => {
    const bundle = mib('-----END CERTIFICATE-----BEGIN CERTIFICATE-----I', '', '----END CERTIFICATE-----');
    const parsed = finishes('parseCertificates', () => parseCertificates(bundle));
    assert.equal(parsed.certificates.length, 0);
  });

  it('cron schedules', () => {
    assert.equal(
      finishes('cronMaxGapMs', () => cronMaxGapMs(mib('0', '@every '))),
      undefined,
    );
    assert.equal(
      finishes('cronMaxGapMs', () => cronMaxGapMs(mib('\t', '@every\u2028', '\u2028'))),
      undefined,
    );
    assert.equal(cronMaxGapMs('@every 1h30m'), 5_400_000);
  });

  it('deprecated API metrics', () => {
    const text = mib('0', 'apiserver_requested_deprecated_apis{', '} 1');
    finishes('parseDeprecatedApiMetrics', () => parseDeprecatedApiMetrics(text));
  });

  it('describe text', () => {
    for (const text of [
      `Name: web\nNamespace: default\nLabels: ${mib(' ', '#:\t', '#\u2028')}\n`,
      `Name: web\nTolerations: ${mib('\t', 'a', ':')}\n`,
      `Name: web\nKind: ReplicaSet\nReplicas: ${mib('0', '', 'A0\t0')}\n`,
      mib('a:\t \u2028\n'),
      mib(' ', 'Name:', '\u2028x'),
    ])
      finishes('parseDescribe', () => parseDescribe(text));
    finishes('parseToleration', () => parseToleration(mib('\t', 'key', ':')));
  });

  it('kustomize origin annotations', () => {
    finishes('parseOrigin', () => parseOrigin(`path: a${'\t'.repeat(60_000)}\u000b`));
    assert.deepEqual(parseOrigin('path: base/app.yaml  \n'), { path: 'base/app.yaml' });
  });

  it('helm output', () => {
    const out = finishes('splitHelmOutput', () =>
      splitHelmOutput(`---\n${mib('\t', '# Source:  ', 'r')}\n`, '/chart'),
    );
    assert.equal(out.length, 1);
    finishes('splitHelmOutput', () =>
      splitHelmOutput(`---\n${mib('#\n\n\n', '\t', '#')}\n# Source: c/t.yaml\nkind: A\n`, '/chart'),
    );
    assert.deepEqual(
      splitHelmOutput('---\n# comment\n\n# Source: c/templates/a.yaml\nkind: A\n', '/chart').map(
        (d) => d.text,
      ),
      ['kind: A\n'],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Every check over objects whose every string is a 1 MiB adversarial value

const SETTINGS: RunSettings = { now: new Date('2026-11-28T00:00:00Z'), kubeVersion: '1.34' };

/** Runs of what patterns commonly repeat, each ending in what makes a match fail at the very end. */
const PUMPS = [
  mib('a', '', '!'),
  mib(' ', 'a', '\u2028'),
  mib(':'),
  mib('-', 'a'),
  mib('/'),
  mib('0', '', 'x'),
];

const SEED: KubeObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'shop',
      labels: { app: 'web', tier: 'X' },
      annotations: { note: 'X', 'config.kubernetes.io/origin': 'X' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: {
          labels: { app: 'web' },
          annotations: { 'container.apparmor.security.beta.kubernetes.io/web': 'X' },
        },
        spec: {
          serviceAccountName: 'X',
          nodeSelector: { zone: 'X' },
          tolerations: [{ key: 'X', operator: 'Equal', value: 'X', effect: 'NoSchedule' }],
          containers: [
            {
              name: 'web',
              image: 'X',
              command: ['X'],
              args: ['X', '--password', 'X'],
              env: [
                { name: 'DATABASE_URL', value: 'X' },
                { name: 'API_TOKEN', value: 'X' },
                { name: 'X', value: 'X' },
              ],
              ports: [{ name: 'X', containerPort: 8080 }],
              resources: { requests: { cpu: 'X', memory: 'X' }, limits: { memory: 'X' } },
              livenessProbe: { httpGet: { path: 'X', port: 'X' } },
              securityContext: { seccompProfile: { type: 'X', localhostProfile: 'X' } },
              volumeMounts: [{ name: 'X', mountPath: 'X' }],
            },
          ],
          volumes: [{ name: 'X', hostPath: { path: 'X' } }],
        },
      },
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'shop' },
    spec: {
      schedule: 'X',
      timeZone: 'X',
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'job', image: 'X' }] } } } },
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'web',
      namespace: 'shop',
      annotations: { 'nginx.ingress.kubernetes.io/server-snippet': 'X' },
    },
    spec: {
      ingressClassName: 'X',
      tls: [{ hosts: ['X'], secretName: 'X' }],
      rules: [
        {
          host: 'X',
          http: {
            paths: [
              { path: 'X', pathType: 'Prefix', backend: { service: { name: 'X', port: { name: 'X' } } } },
            ],
          },
        },
      ],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'shop' },
    data: { 'app.conf': 'X', X: 'X' },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'tls', namespace: 'shop' },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': 'X', 'tls.key': 'X' },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'X', namespace: 'shop' },
    rules: [{ apiGroups: ['X'], resources: ['X'], verbs: ['X'] }],
  },
];

/** Every 'X' replaced by the value (JS strings are shared, so this costs no memory per copy). */
function fill(objects: readonly KubeObject[], value: string): KubeObject[] {
  return JSON.parse(JSON.stringify(objects), (_key, v) => (v === 'X' ? value : v)) as KubeObject[];
}

describe('every review check over 1 MiB adversarial strings', () => {
  const all = selectChecks(REVIEW_CHECKS, emptyConfig(), SETTINGS, {
    include: REVIEW_CHECKS.map((c) => c.id),
  });
  for (const [i, pump] of PUMPS.entries()) {
    it(`pump ${i}: ${JSON.stringify(pump.slice(0, 3))}…${JSON.stringify(pump.slice(-2))}`, () => {
      const objects = fill(SEED, pump).map((object) => ({ object, ref: refOf(object) }));
      const index = new ObjectIndex(objects, { partial: true });
      const result = finishes('review checks', () => runChecks(index, all, SETTINGS));
      assert.deepEqual(result.problems, [], 'a check crashed');
    });
  }
  it('the file reader over a manifest holding such a value', () => {
    const text = JSON.stringify(fill(SEED.slice(0, 1), mib(' ', 'a', '\u2028'))[0]);
    const parsed = finishes('parseManifestText', () => parseManifestText(text, 'big.json'));
    assert.equal(parsed.objects.length, 1);
  });
});

const CLUSTER_SEED: KubeObject[] = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'shop',
      uid: 'u1',
      ownerReferences: [{ kind: 'ReplicaSet', name: 'X', uid: 'r' }],
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'X' }] },
    status: {
      phase: 'Running',
      message: 'X',
      reason: 'X',
      conditions: [{ type: 'Ready', status: 'False', reason: 'X', message: 'X' }],
      containerStatuses: [
        {
          name: 'web',
          ready: false,
          restartCount: 5,
          image: 'X',
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'X' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', message: 'X' } },
        },
      ],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'e1', namespace: 'shop' },
    type: 'Warning',
    reason: 'X',
    message: 'X',
    count: 3,
    involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop' },
    lastTimestamp: '2026-11-27T23:59:00Z',
  },
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'e2', namespace: 'shop' },
    type: 'Warning',
    reason: 'FailedMount',
    message: 'X',
    involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop' },
  },
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'X' } },
    status: {
      conditions: [{ type: 'Ready', status: 'False', reason: 'X', message: 'X' }],
      nodeInfo: { kubeletVersion: 'X' },
    },
  },
];

describe('every diagnose check over 1 MiB adversarial strings', () => {
  const all = selectChecks(DIAGNOSE_CHECKS, emptyConfig(), SETTINGS, {
    include: DIAGNOSE_CHECKS.map((c) => c.id),
  });
  for (const [i, pump] of PUMPS.entries()) {
    it(`pump ${i}`, () => {
      const objects = fill(CLUSTER_SEED, pump).map((object) => ({ object, ref: refOf(object) }));
      const index = new ObjectIndex(objects, { partial: false });
      finishes('diagnose checks', () => {
        const result = runChecks(index, all, SETTINGS);
        const findings = [...result.findings, ...unexplainedEvents(index, all, SETTINGS, result.findings)];
        groupCauses(findings);
        assert.deepEqual(result.problems, [], 'an analyzer crashed');
      });
    });
  }
});
