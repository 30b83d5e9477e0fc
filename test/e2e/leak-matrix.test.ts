// The leak matrix (issue #13): every command that reads files, snapshots or describe text, in every output format,
// over inputs with secret values planted where real ones live — Secret data, env values, command lines, ConfigMap
// values, event messages, container termination and waiting messages, condition messages, the annotation
// `kubectl apply` keeps, pasted describe text. No planted value (nor its base64) may appear in stdout, stderr or a
// written file. The live half (logs, a real API server) is test/live/leak-matrix.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { type KubeObject, refOf } from '../../src/core/object.ts';
import { buildSnapshot, snapshotBytes } from '../../src/sources/snapshot/write-snapshot.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');
const FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'markdown', 'html'];

/** Each planted value is unique, so a hit names where it was planted. */
export const PLANTED = {
  secretData: 'Sd7-hunter2-secret-data-Qx81',
  secretStringData: 'Ss4-hunter2-string-data-Lm27',
  envPassword: 'Ev9-hunter2-env-password-Kp03',
  envUrl: 'Eu2-hunter2-env-url-Wr55',
  argPassword: 'Ap6-hunter2-arg-password-Zt19',
  argToken: 'At3-hunter2-arg-token-Bq72',
  configMapKey: 'Ck8-hunter2-configmap-key-Hn40',
  configMapProperty: 'Cp1-hunter2-configmap-prop-Vd66',
  eventMessage: 'Em5-hunter2-event-message-Ru38',
  eventBearer: 'Eb0-hunter2-event-bearer-Jy91',
  terminated: 'Tm7-hunter2-terminated-msg-Fo24',
  waiting: 'Wm2-hunter2-waiting-msg-Ck57',
  condition: 'Cn4-hunter2-condition-msg-Pe83',
  awsSecret: 'wJalrXUtnFEMIK7MDENGbPxRfiCYhunter2AWSxx',
  lastApplied: 'La3-hunter2-last-applied-Gs12',
  describeEnv: 'De6-hunter2-describe-env-Nu48',
  describeEvent: 'Dv1-hunter2-describe-event-Yi35',
} as const;

const b64 = (s: string) => Buffer.from(s).toString('base64');

export function pod(name: string, namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: `uid-${name}`,
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          spec: { containers: [{ name: 'app', env: [{ name: 'API_TOKEN', value: PLANTED.lastApplied }] }] },
        }),
      },
    },
    spec: {
      nodeName: 'node-1',
      containers: [
        {
          name: 'app',
          image: 'registry.example/app:1.0',
          command: ['/app', '--password', PLANTED.argPassword],
          args: [`--token=${PLANTED.argToken}`],
          env: [
            { name: 'DB_PASSWORD', value: PLANTED.envPassword },
            { name: 'DATABASE_URL', value: `postgres://app:${PLANTED.envUrl}@db:5432/app` },
          ],
        },
      ],
    },
    status: {
      phase: 'Running',
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'ContainersNotReady',
          message: `probe failed: password=${PLANTED.condition}`,
        },
      ],
      containerStatuses: [
        {
          name: 'app',
          ready: false,
          restartCount: 7,
          image: 'registry.example/app:1.0',
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off restarting failed container app: login with --password ${PLANTED.waiting}`,
            },
          },
          lastState: {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              message: `cannot connect to postgres://app:${PLANTED.terminated}@db:5432/app`,
              finishedAt: '2026-11-27T23:58:00Z',
            },
          },
        },
      ],
    },
  };
}

export function clusterObjects(namespace: string): Record<string, unknown>[] {
  return [
    pod('web-1', namespace),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace },
      type: 'Opaque',
      data: { password: b64(PLANTED.secretData) },
      stringData: { token: PLANTED.secretStringData },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace },
      data: {
        api_token: PLANTED.configMapKey,
        'application.properties': `server.port=8080\ndb.password=${PLANTED.configMapProperty}\n`,
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web-1.1', namespace },
      type: 'Warning',
      reason: 'BackOff',
      message: `Back-off restarting failed container: exec /app --password=${PLANTED.eventMessage}`,
      count: 12,
      involvedObject: { kind: 'Pod', name: 'web-1', namespace },
      lastTimestamp: '2026-11-27T23:59:00Z',
    },
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web-1.2', namespace },
      type: 'Warning',
      reason: 'Unhealthy',
      message: `Readiness probe failed: GET /ready with Authorization: Bearer ${PLANTED.eventBearer}: 401`,
      count: 3,
      involvedObject: { kind: 'Pod', name: 'web-1', namespace },
      lastTimestamp: '2026-11-27T23:59:30Z',
    },
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1' },
      status: {
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'KubeletNotReady',
            message: `cloud credentials AKIAIOSFODNN7EXAMPLE ${PLANTED.awsSecret} rejected`,
          },
        ],
        nodeInfo: { kubeletVersion: 'v1.34.0' },
      },
    },
  ];
}

const DESCRIBE = `Name:             orders-api-5f7d8b9c4d-x2kq9
Namespace:        shop
Priority:         0
Node:             worker-2/10.0.3.12
Start Time:       Fri, 27 Nov 2026 09:14:02 +0000
Labels:           app=orders-api
Status:           Running
Controlled By:    ReplicaSet/orders-api-5f7d8b9c4d
Containers:
  api:
    Image:          registry.example.com/shop/orders:2.4.1
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Message:      login failed: password=${PLANTED.describeEvent}x
      Exit Code:    1
      Started:      Fri, 27 Nov 2026 09:20:11 +0000
      Finished:     Fri, 27 Nov 2026 09:20:40 +0000
    Ready:          False
    Restart Count:  6
    Environment:
      DB_PASSWORD:  ${PLANTED.describeEnv}
      MODE:         production
Conditions:
  Type              Status
  Ready             False
Events:
  Type     Reason   Age                  From     Message
  ----     ------   ----                 ----     -------
  Warning  BackOff  20s (x25 over 6m)    kubelet  Back-off restarting failed container api: exec /app --password ${PLANTED.describeEvent}
`;

/** Manifests for review: the same planted values as they sit in a repository. */
function manifests(): string {
  const [p, secret, configMap] = clusterObjects('shop');
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: (p as { spec: unknown }).spec },
    },
  };
  return [deployment, secret, configMap].map((o) => JSON.stringify(o)).join('\n---\n');
}

const tmp = mkdtempSync(join(tmpdir(), 'shipshape-leaks-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function hits(text: string): string[] {
  const found: string[] = [];
  for (const [where, value] of Object.entries(PLANTED)) {
    if (text.includes(value)) found.push(where);
    else if (text.includes(b64(value))) found.push(`${where} (base64)`);
  }
  return found;
}

function run(args: string[]): string {
  const child = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  assert.equal(child.error, undefined);
  assert.ok(
    child.status === 0 || child.status === 1 || child.status === 2,
    `exit ${child.status}: ${child.stderr}`,
  );
  assert.doesNotMatch(child.stderr, /internal error/);
  return `${child.stdout}\n${child.stderr}`;
}

/** A Role that reads the planted Secret, bound to the pod's ServiceAccount: what the rbac commands report on. */
function secretReaders(namespace: string): Record<string, unknown>[] {
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'db-reader', namespace },
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'web-reads-db', namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'db-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace }],
    },
  ];
}

describe('leak matrix: files, snapshots and describe text', () => {
  const repo = join(tmp, 'repo');
  mkdirSync(repo);
  writeFileSync(join(repo, 'app.yaml'), manifests());
  const snapshot = join(tmp, 'snapshot.json');
  // Our own snapshot format: it names the cluster, which a hygiene plan needs.
  writeFileSync(
    snapshot,
    JSON.stringify({
      apiVersion: 'shipshape.dev/v1alpha1',
      kind: 'Snapshot',
      metadata: { context: 'leaks', server: 'https://127.0.0.1:6443', takenAt: '2026-11-28T00:00:00Z' },
      items: [...clusterObjects('shop'), ...secretReaders('shop')],
    }),
  );
  const describeFile = join(tmp, 'pod.txt');
  writeFileSync(describeFile, DESCRIBE);

  const commands: [string, string[]][] = [
    ['review', ['review', repo, '--include', 'security', 'configuration', 'reliability', 'references']],
    ['review --fix=diff', ['review', repo, '--fix=diff']],
    ['diagnose --snapshot', ['diagnose', '--snapshot', snapshot]],
    ['diagnose --describe', ['diagnose', '--describe', describeFile]],
    ['hygiene --snapshot', ['hygiene', '--snapshot', snapshot]],
    ['certs --snapshot', ['certs', '--snapshot', snapshot]],
    ['upgrade --snapshot', ['upgrade', '--snapshot', snapshot, '--to', '1.35']],
    ['scan --snapshot', ['scan', '--snapshot', snapshot]],
    ['rbac audit --snapshot', ['rbac', 'audit', '--snapshot', snapshot]],
    ['rbac review --snapshot', ['rbac', 'review', '--snapshot', snapshot]],
    ['rbac who-can --snapshot', ['rbac', 'who-can', 'get', 'secrets', '--snapshot', snapshot]],
    ['rbac can --snapshot', ['rbac', 'can', 'sa:shop/default', '--snapshot', snapshot]],
  ];
  // Commands that print their own tables take fewer formats.
  const formatsOf = (name: string): string[] => {
    if (name.includes('--fix')) return ['diff'];
    if (name.startsWith('rbac review')) return ['markdown', 'json'];
    if (name.startsWith('rbac who-can') || name.startsWith('rbac can')) return ['text', 'json'];
    return FORMATS;
  };
  for (const [name, args] of commands) {
    for (const format of formatsOf(name)) {
      it(`${name} -o ${format}`, () => {
        const out = run(format === 'diff' ? args : [...args, '-o', format]);
        assert.deepEqual(hits(out), [], out.slice(0, 3000));
      });
    }
  }

  it('report re-renders a saved diagnose report in every format without planted values', () => {
    const saved = join(tmp, 'diagnose.json');
    writeFileSync(saved, run(['diagnose', '--snapshot', snapshot, '-o', 'json']));
    for (const format of FORMATS) {
      const out = run(['report', saved, '-o', format]);
      assert.ok(out.length > 0, format);
      assert.deepEqual(hits(out), [], `${format}: ${out.slice(0, 3000)}`);
    }
  });

  it('hygiene --plan writes a plan without planted values', () => {
    const plan = join(tmp, 'plan.yaml');
    run(['hygiene', '--snapshot', snapshot, '--plan', plan]);
    assert.deepEqual(hits(readFileSync(plan, 'utf8')), []);
  });

  it('a snapshot written from the cluster holds none of them (the live snapshot command writes this)', () => {
    const loaded = clusterObjects('shop').map((object) => ({
      object: object as unknown as KubeObject,
      ref: refOf(object as unknown as KubeObject),
    }));
    const document = buildSnapshot(loaded, { context: 'leaks' }, { includeSecretValues: false });
    assert.deepEqual(hits(snapshotBytes('snapshot.json', document).toString('utf8')), []);
    // Asked for, Secret values are kept: the flag is the user's explicit choice.
    const included = buildSnapshot(loaded, { context: 'leaks' }, { includeSecretValues: true });
    assert.ok(hits(JSON.stringify(included)).includes('secretData (base64)'));
  });

  it('the planted values are where a leak would come from: the inputs hold every one', () => {
    const inputs = `${readFileSync(join(repo, 'app.yaml'), 'utf8')}${readFileSync(snapshot, 'utf8')}${DESCRIBE}`;
    assert.deepEqual(
      hits(inputs)
        .map((h) => h.replace(' (base64)', ''))
        .sort(),
      Object.keys(PLANTED).sort(),
    );
  });
});
