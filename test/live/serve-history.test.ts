// Live: what `shipshape serve` records from the real test bed. (1) Coverage per namespace: an identity bound per
// namespace (the test bed's ns-editor, given `view` in one test namespace and leave to list namespaces) scans the
// whole cluster; the namespaces it may not read are recorded as forbidden, and a finding there keeps its state
// while the same fix in a readable namespace resolves. (2) A configured `serve --once` delivers the new findings
// to a local webhook receiver. (3) Delivery KPIs from real rollouts: a Deployment and a StatefulSet updated and
// rolled back with `kubectl rollout undo`, a Helm release installed, upgraded (once failing) and rolled back with
// the real helm; the numbers are computed by hand from the timestamps the cluster shows. Skips, saying why,
// without the test bed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/cli/config-file.ts';
import type { ClusterTarget } from '../../src/serve/config.ts';
import { DEFAULTS } from '../../src/serve/config.ts';
import { scanTarget } from '../../src/serve/run-scan.ts';
import { HistoryStore } from '../../src/store/store.ts';
import {
  apply,
  createTestNamespace,
  deleteNamespace,
  getJson,
  kubectl,
  missingConfigMap,
  testbedKubeconfig,
  testbedSkipReason,
  waitFor,
} from '../../testbed/scenarios.ts';
import { runCli } from '../support/cli.ts';
import { HELM_MISSING, TOOLS_PATH } from '../support/helm.ts';
import { Receiver } from '../support/receiver.ts';

const skip = await testbedSkipReason();
const CHECK = 'service-no-endpoints';
const IMAGE = 'ghcr.io/shipshape/api:3.0.0';
const TEAM_LABEL = 'example.com/team';
const LISTER = `shipshape-test-ns-lister-${process.pid}`;

function target(name: string, context: string, namespaces?: string[]): ClusterTarget {
  return {
    name,
    context,
    kubeconfig: testbedKubeconfig(),
    inCluster: false,
    intervalMs: 60_000,
    timeoutMs: 180_000,
    include: [],
    exclude: [],
    ...(namespaces ? { namespaces } : {}),
  };
}

async function record(store: HistoryStore, t: ClusterTarget, at: Date) {
  const outcome = await scanTarget(t, loadConfig(undefined), at, { teamLabel: TEAM_LABEL });
  await store.recordScan(
    {
      cluster: t.name,
      startedAt: at.getTime(),
      finishedAt: Date.now(),
      instance: 'test',
      toolVersion: 'test',
      objects: outcome.objects,
      problems: outcome.problems,
    },
    outcome.observation,
  );
  return outcome;
}

describe('serve history on the live test bed', { skip }, () => {
  let readable: string;
  let hidden: string;
  let dir: string;
  let store: HistoryStore;

  before(async () => {
    readable = await createTestNamespace('cov-read');
    hidden = await createTestNamespace('cov-hidden');
    await kubectl(['label', 'namespace', readable, `${TEAM_LABEL}=storefront`]);
    await kubectl(['label', 'namespace', hidden, `${TEAM_LABEL}=payments`]);
    for (const ns of [readable, hidden])
      await kubectl(['-n', ns, 'create', 'service', 'clusterip', 'lonely', '--tcp=80:80']);
    // ns-editor (group shipshape:team): `view` in one test namespace, and leave to list namespaces.
    await kubectl([
      'create',
      'rolebinding',
      'team-view',
      '--clusterrole=view',
      '--group=shipshape:team',
      '-n',
      readable,
    ]);
    await apply([
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: LISTER },
        rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list'] }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: LISTER },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: LISTER },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'shipshape:team' }],
      },
    ]);
    dir = mkdtempSync(join(tmpdir(), 'shipshape-serve-live-'));
    store = await HistoryStore.open(join(dir, 'history.db'));
  });

  after(async () => {
    await store?.close();
    await kubectl(['delete', 'clusterrolebinding,clusterrole', LISTER, '--ignore-not-found']).catch(() => {});
    for (const ns of [readable, hidden]) if (ns) await deleteNamespace(ns);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the state of findings in namespaces the scan could not read', async () => {
    const admin = target('bed', 'admin', [readable, hidden]);
    const first = await record(store, admin, new Date());
    assert.deepEqual(first.observation.coverage.namespacesForbidden, []);
    const open = async (ns: string) =>
      (await store.findings({ cluster: 'bed', namespaces: [ns], checks: [CHECK], states: ['open'] })).items;
    const [inReadable] = await open(readable);
    const [inHidden] = await open(hidden);
    assert.ok(inReadable && inHidden, `${CHECK} open in both namespaces`);
    assert.deepEqual(
      (await store.namespaces({ cluster: 'bed' })).map((n) => [n.namespace, n.team]),
      [
        [hidden, 'payments'],
        [readable, 'storefront'],
      ].sort(),
      'namespace facts with their team',
    );

    // The same fix in both namespaces (a ready pod behind the Service); then a scan of the whole cluster by an
    // identity that reads one of them.
    for (const ns of [readable, hidden]) {
      await kubectl(['-n', ns, 'run', 'lonely', `--image=${IMAGE}`, '--labels=app=lonely']);
      await waitFor(`an endpoint for lonely in ${ns}`, async () => {
        const slices = await getJson([
          '-n',
          ns,
          'get',
          'endpointslices',
          '-l',
          'kubernetes.io/service-name=lonely',
        ]);
        return slices.items?.some((s: { endpoints?: unknown[] }) => (s.endpoints ?? []).length > 0);
      });
    }
    const editor = target('bed', 'ns-editor');
    const second = await record(store, editor, new Date());
    const coverage = second.observation.coverage;
    assert.equal(coverage.namespaces, 'all');
    assert.ok(coverage.kindsRead.includes('Deployment'), 'read in the namespaces that allow it');
    const forbidden = new Map(coverage.namespacesForbidden.map((f) => [f.namespace, f]));
    assert.deepEqual(forbidden.get(hidden)?.kinds, ['*'], JSON.stringify(coverage.namespacesForbidden));
    assert.match(forbidden.get(hidden)!.reason, /forbidden/);
    assert.ok(forbidden.has('kube-system'));
    // `view` leaves out Secrets and RBAC objects: those are named for the readable namespace, and only those.
    const partly = forbidden.get(readable)?.kinds ?? [];
    assert.ok(partly.includes('Secret'), JSON.stringify(partly));
    for (const kind of ['Service', 'Pod', 'Deployment', 'EndpointSlice'])
      assert.equal(partly.includes(kind), false, `${kind} is read in ${readable}`);
    assert.ok(
      second.problems.some((p) => p.includes(`in namespace ${hidden}`)),
      'the report says which namespace was not read',
    );

    const readableNow = (await store.finding('bed', inReadable.fingerprint))!;
    assert.equal(readableNow.state, 'resolved', 'fixed where the scan could look');
    const hiddenNow = (await store.finding('bed', inHidden.fingerprint))!;
    assert.equal(hiddenNow.state, 'open', 'where it could not, the finding keeps its state');
    assert.equal(hiddenNow.lastVerifiedAt, inHidden.lastVerifiedAt, 'and is not verified by that scan');
    assert.deepEqual(
      hiddenNow.events.map((e) => e.kind),
      ['opened'],
    );
  });

  it('serve --once with a notify channel delivers the new findings to a local receiver', async () => {
    const receiver = new Receiver();
    await receiver.start();
    process.env.SHIPSHAPE_LIVE_HOOK_URL = `${receiver.url}/hook`;
    try {
      const ns = await createTestNamespace('notify');
      try {
        await missingConfigMap(ns);
        const config = join(dir, 'serve.yaml');
        writeFileSync(
          config,
          stringify({
            clusters: [
              { name: 'bed-notify', context: 'admin', kubeconfig: testbedKubeconfig(), namespaces: [ns] },
            ],
            notify: {
              channels: [
                { name: 'hook', kind: 'webhook', urlEnv: 'SHIPSHAPE_LIVE_HOOK_URL', threshold: 'info' },
              ],
            },
          }),
        );
        const run = await runCli([
          'serve',
          '--config',
          config,
          '--once',
          '--database',
          join(dir, 'notify.db'),
        ]);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(receiver.received.length, 1, run.stderr);
        const body = receiver.received[0]!.body as {
          status: string;
          groupLabels: { cluster_name: string };
          alerts: { labels: { alertname: string; object: string } }[];
        };
        assert.equal(body.status, 'firing');
        assert.equal(body.groupLabels.cluster_name, 'bed-notify');
        assert.ok(
          body.alerts.some(
            (a) => a.labels.alertname === 'pod-config-missing' && a.labels.object.includes(ns),
          ),
          JSON.stringify(body.alerts.map((a) => a.labels)),
        );
      } finally {
        await deleteNamespace(ns);
      }
    } finally {
      delete process.env.SHIPSHAPE_LIVE_HOOK_URL;
      await receiver.stop();
    }
  });
  it('delivery KPIs from real rollouts, rollbacks and Helm revisions', {
    skip: HELM_MISSING ?? false,
  }, async () => {
    const ns = await createTestNamespace('delivery');
    const kube = ['--kubeconfig', testbedKubeconfig(), '--kube-context', 'admin', '--namespace', ns];
    const helm = (...args: string[]) => {
      const run = spawnSync('helm', [...args, ...kube], {
        env: { ...process.env, PATH: TOOLS_PATH },
        encoding: 'utf8',
        timeout: 120_000,
      });
      return { status: run.status, output: `${run.stdout}${run.stderr}` };
    };
    const chart = join(dir, 'chart');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(
      join(chart, 'Chart.yaml'),
      stringify({ apiVersion: 'v2', name: 'settings', version: '1.0.0' }),
    );
    writeFileSync(
      join(chart, 'templates', 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\ndata:\n  level: {{ .Values.level | quote }}\n',
    );
    writeFileSync(join(chart, 'values.yaml'), stringify({ name: 'settings', level: 'info' }));
    const t = target('bed-delivery', 'admin', [ns]);
    const from = Date.now() - 60_000;
    const revisionOf = async (kind: string, name: string, revision: number) =>
      waitFor(`${kind} ${name} revision ${revision}`, async () => {
        const items = (await getJson(['-n', ns, 'get', kind, '-o', 'json'])).items as {
          metadata: {
            creationTimestamp: string;
            annotations?: Record<string, string>;
            ownerReferences?: { name: string }[];
          };
          revision?: number;
        }[];
        return items.find(
          (i) =>
            i.metadata.ownerReferences?.[0]?.name === name &&
            (kind === 'replicasets'
              ? i.metadata.annotations?.['deployment.kubernetes.io/revision'] === String(revision)
              : i.revision === revision),
        );
      });
    const created = (o: { metadata: { creationTimestamp: string } }) =>
      Date.parse(o.metadata.creationTimestamp);
    try {
      await kubectl(['-n', ns, 'create', 'deployment', 'web', `--image=${IMAGE}`]);
      await apply([
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'db', namespace: ns },
          spec: {
            serviceName: 'db',
            replicas: 1,
            selector: { matchLabels: { app: 'db' } },
            template: {
              metadata: { labels: { app: 'db' } },
              spec: { containers: [{ name: 'db', image: IMAGE }] },
            },
          },
        },
      ]);
      const web1 = await revisionOf('replicasets', 'web', 1);
      await revisionOf('controllerrevisions', 'db', 1);
      assert.equal(helm('install', 'settings', chart).status, 0);
      const scan1 = new Date();
      await record(store, t, scan1);

      await kubectl(['-n', ns, 'set', 'image', 'deployment/web', 'api=ghcr.io/shipshape/api:3.1.0']);
      await kubectl(['-n', ns, 'set', 'image', 'statefulset/db', 'db=ghcr.io/shipshape/api:3.1.0']);
      const web2 = await revisionOf('replicasets', 'web', 2);
      const db2 = await revisionOf('controllerrevisions', 'db', 2);
      // An upgrade the API server refuses (an invalid object name): Helm records the revision as failed.
      const failed = helm('upgrade', 'settings', chart, '--set', 'name=Not_A_Valid_Name');
      assert.notEqual(failed.status, 0, failed.output);
      assert.equal(helm('upgrade', 'settings', chart, '--set', 'level=debug').status, 0);
      await record(store, t, new Date());

      await kubectl(['-n', ns, 'rollout', 'undo', 'deployment/web']);
      await kubectl(['-n', ns, 'rollout', 'undo', 'statefulset/db']);
      await revisionOf('replicasets', 'web', 3);
      await revisionOf('controllerrevisions', 'db', 3);
      assert.equal(helm('rollback', 'settings', '1').status, 0);
      const scan3 = new Date();
      await record(store, t, scan3);
      await record(store, t, new Date()); // nothing new: nothing counted twice
      const to = Date.now();

      const releases = (
        (await getJson(['-n', ns, 'get', 'secrets', '-l', 'owner=helm,name=settings', '-o', 'json']))
          .items as {
          metadata: { creationTimestamp: string; labels: Record<string, string> };
        }[]
      )
        .map((s) => ({
          version: Number(s.metadata.labels.version),
          status: s.metadata.labels.status,
          // Helm's createdAt label where this Helm writes one, else the Secret's creation (Helm 3 writes none).
          at: s.metadata.labels.createdAt ? Number(s.metadata.labels.createdAt) * 1000 : created(s),
        }))
        .sort((a, b) => a.version - b.version);
      assert.deepEqual(
        releases.map((r) => [r.version, r.status]),
        [
          [1, 'superseded'],
          [2, 'failed'],
          [3, 'superseded'],
          [4, 'deployed'],
        ],
      );

      // By hand: web 1, 2, 3 and db 1, 2, 3 are six rollouts; the two undos are rollbacks (their templates are
      // revision 1's), dated by the third scan; each recovered from the revision 2 it replaced.
      const recoveries = [scan3.getTime() - created(web2), scan3.getTime() - created(db2)]
        .map((ms) => ms / 60_000)
        .sort((a, b) => a - b);
      const k = await store.kpis({ from, to, sla: DEFAULTS.sla, cluster: 'bed-delivery' });
      const days = (to - from) / 86_400_000;
      assert.deepEqual(k.delivery.rollouts, {
        count: 6,
        perDay: 6 / days,
        byKind: { Deployment: 3, StatefulSet: 3 },
      });
      assert.deepEqual(k.delivery.rollbacks, { count: 2, rate: 2 / 6 });
      assert.deepEqual(k.delivery.recovery, {
        count: 2,
        medianMinutes: recoveries[0],
        p90Minutes: recoveries[1],
        meanMinutes: (recoveries[0]! + recoveries[1]!) / 2,
      });
      // Helm: four revisions, one failed; recovered by revision 3.
      const helmRecovery = (releases[2]!.at - releases[1]!.at) / 60_000;
      assert.deepEqual(k.delivery.helm, {
        revisions: 4,
        perDay: 4 / days,
        failed: 1,
        recovery: {
          count: 1,
          medianMinutes: helmRecovery,
          p90Minutes: helmRecovery,
          meanMinutes: helmRecovery,
        },
      });
      assert.equal(k.delivery.observedTimes, 2);
      // What a user reads from `shipshape kpi` over the same history.
      const markdown = await runCli([
        'kpi',
        '--database',
        join(dir, 'history.db'),
        '--cluster',
        'bed-delivery',
        '--since',
        '1d',
      ]);
      assert.equal(markdown.status, 0, markdown.stderr);
      assert.match(
        markdown.stdout,
        /Deployment frequency: 6 workload rollouts, [\d.]+ per day \(Deployment 3, StatefulSet 3\)/,
      );
      assert.match(markdown.stdout, /Rollback rate: 33\.3 % \(2 rollbacks/);
      assert.match(markdown.stdout, /Helm releases: 4 revisions, [\d.]+ per day, 1 failed/);
      assert.match(markdown.stdout, /Lead time for changes: not derivable from a cluster/);
      const stored = await store.db
        .selectFrom('rollouts')
        .select(['kind', 'revision', 'at'])
        .where('cluster', '=', 'bed-delivery')
        .where('kind', '=', 'Deployment')
        .orderBy('revision')
        .execute();
      assert.deepEqual(
        stored.map((r) => Number(r.at)),
        [created(web1), created(web2), scan3.getTime()],
      );
    } finally {
      helm('uninstall', 'settings');
      await deleteNamespace(ns);
    }
  });
});
