// Live: `shipshape diagnose` against the real control plane of the test bed (testbed/README.md): real
// kube-scheduler, controller manager and node-lifecycle controller; kwok plays the kubelets. Skips, saying why,
// when the test bed is not up. Each scenario lives in its own namespace; the CLI is spawned as users run it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/core/report.ts';
import { schedulerReasons } from '../../src/k8s/scheduling.ts';
import { startTestbedFaultProxy } from '../../testbed/fault-proxy.ts';
import {
  antiAffinityUnmet,
  crashLoop,
  createTestNamespace,
  deleteNamespace,
  healthyApp,
  imagePullFailure,
  missingConfigMap,
  notReadyNode,
  type ScenarioResult,
  serviceWithoutEndpoints,
  testbedKubeconfig,
  testbedSkipReason,
  topologySpreadUnmet,
  unschedulableNodeSelector,
  unschedulableTaint,
  unschedulableTooLarge,
} from '../../testbed/scenarios.ts';
import { diagnoseJson, type ReportRun } from '../support/cli.ts';

const skip = await testbedSkipReason();

function diagnose(args: string[], kubeconfig = testbedKubeconfig()): Promise<ReportRun> {
  return diagnoseJson(args, kubeconfig);
}

function checksOn(report: Report, kind: string, name: string): string[] {
  return report.findings.filter((f) => f.object.kind === kind && f.object.name === name).map((f) => f.check);
}

const PENDING_PREFIX = 'pod is Pending and cannot be scheduled: ';

describe('diagnose against the live test bed', { skip, timeout: 600_000 }, () => {
  const namespaces: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const ns = async (prefix: string) => {
    const name = await createTestNamespace(prefix);
    namespaces.push(name);
    return name;
  };
  const track = (r: ScenarioResult) => {
    cleanups.push(r.cleanup);
    return r;
  };

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    for (const name of namespaces) await deleteNamespace(name).catch(() => undefined);
  });

  describe('broken workloads, each in its own namespace', () => {
    let crash: ScenarioResult;
    let pull: ScenarioResult;
    let config: ScenarioResult;
    let orphan: ScenarioResult;
    let healthy: string;
    before(async () => {
      const [a, b, c, d, e] = await Promise.all([
        ns('dg-crash'),
        ns('dg-pull'),
        ns('dg-cfg'),
        ns('dg-svc'),
        ns('dg-ok'),
      ]);
      [crash, pull, config, orphan] = await Promise.all([
        crashLoop(a!),
        imagePullFailure(b!),
        missingConfigMap(c!),
        serviceWithoutEndpoints(d!),
        healthyApp(e!),
      ]);
      healthy = e!;
    });

    it('crash loop: pod-crash-looping on the pod, with the exit code', async () => {
      const run = await diagnose(['-n', crash.namespace]);
      assert.equal(run.status, 1, run.stderr);
      const pod = String(crash.facts.pod);
      assert.ok(
        checksOn(run.report, 'Pod', pod).includes('pod-crash-looping'),
        JSON.stringify(run.report.findings),
      );
      const finding = run.report.findings.find((f) => f.check === 'pod-crash-looping');
      assert.match(finding?.message ?? '', /exit code 1/);
      assert.ok(run.report.causes?.[0]?.nextSteps.some((s) => s.includes(`logs ${pod}`)));
    });

    it('image pull failure: pod-image-pull-failing with the image', async () => {
      const run = await diagnose(['-n', pull.namespace]);
      assert.equal(run.status, 1, run.stderr);
      const finding = run.report.findings.find((f) => f.check === 'pod-image-pull-failing');
      assert.ok(finding, JSON.stringify(run.report.findings));
      assert.match(finding.message, /registry\.invalid/);
    });

    it('missing ConfigMap: pod-config-missing naming it, one cause', async () => {
      const run = await diagnose(['-n', config.namespace]);
      assert.equal(run.status, 1, run.stderr);
      const cm = String(config.facts.missingConfigMap);
      assert.ok(
        run.report.causes?.some(
          (c) =>
            c.summary ===
            `ConfigMap ${config.namespace}/${cm} is missing; pods that reference it cannot start.`,
        ),
        JSON.stringify(run.report.causes),
      );
    });

    it('Service without endpoints: service-no-endpoints read from EndpointSlices', async () => {
      const run = await diagnose(['-n', orphan.namespace]);
      assert.equal(run.status, 1, run.stderr);
      assert.deepEqual(checksOn(run.report, 'Service', String(orphan.facts.service)), [
        'service-no-endpoints',
      ]);
    });

    it('healthy namespace: nothing, exit 0', async () => {
      const run = await diagnose(['-n', healthy]);
      assert.deepEqual(run.report.findings, []);
      assert.equal(run.status, 0, run.stderr);
    });

    it('read-only user: forbidden kinds are warnings, the rest is still diagnosed', async () => {
      const run = await diagnose(['--context', 'viewer', '-n', crash.namespace]);
      assert.notEqual(run.status, 2, run.stderr);
      const forbidden = run.report.errors.filter((e) => /forbidden/i.test(e.message));
      assert.ok(forbidden.length > 0, JSON.stringify(run.report.errors));
      assert.ok(forbidden.every((e) => e.level === 'warning'));
      assert.ok(forbidden.some((e) => /secrets/i.test(e.message)));
      assert.ok(checksOn(run.report, 'Pod', String(crash.facts.pod)).includes('pod-crash-looping'));
    });

    it('through the fault proxy (429s, 500s, latency): retries, same diagnosis, --stats counts requests', async () => {
      const proxy = await startTestbedFaultProxy({ every429: 4, every500: 7, delayMs: 20 });
      try {
        const direct = await diagnose(['-n', crash.namespace]);
        const faulty = await diagnose(['-n', crash.namespace, '--stats'], proxy.kubeconfig);
        assert.equal(faulty.status, 1, faulty.stderr);
        assert.deepEqual(
          faulty.report.findings.map((f) => f.fingerprint).sort(),
          direct.report.findings.map((f) => f.fingerprint).sort(),
        );
        const stats = /stats: (\d+) requests \((\d+) retries\)/.exec(faulty.stderr);
        assert.ok(stats, faulty.stderr);
        const stat = proxy.stats();
        assert.ok(Number(stats[2]) > 0, 'retries were needed');
        assert.ok(stat.throttled429 + stat.failed500 > 0);
        assert.equal(Number(stats[1]), stat.requests, 'every request the proxy saw is counted');
      } finally {
        await proxy.close();
      }
    });
  });

  describe('scheduler agreement: our Pending explanation equals the real FailedScheduling message', () => {
    /** Diagnoses right after the scheduler reported, before anything else changes the nodes. */
    async function agree(create: () => Promise<ScenarioResult>, args: string[]): Promise<void> {
      const r = track(await create());
      const run = await diagnose(args);
      const pod = String(r.facts.pod);
      const finding = run.report.findings.find(
        (f) => f.check === 'pod-unschedulable' && f.object.name === pod && f.object.namespace === r.namespace,
      );
      assert.ok(finding, `no pod-unschedulable finding for ${r.namespace}/${pod}`);
      assert.equal(
        finding.message.slice(PENDING_PREFIX.length),
        schedulerReasons(String(r.facts.eventMessage)),
        `${r.scenario}: real event "${r.facts.eventMessage}"`,
      );
    }
    let namespace: string;
    before(async () => {
      namespace = await ns('dg-sched');
    });

    // -A: the explanation sees every pod bound to the nodes, as the scheduler does.
    it('insufficient cpu and memory on every node', () =>
      agree(() => unschedulableTooLarge(namespace), ['-A']));
    it('node selector matching no node', () =>
      agree(() => unschedulableNodeSelector(namespace, { name: 'selector' }), ['-A']));
    it('untolerated taint on the selected nodes', () => agree(() => unschedulableTaint(namespace), ['-A']));
    it('topology spread with minDomains above the zones there are', () =>
      agree(() => topologySpreadUnmet(namespace), ['-A']));
    it('required anti-affinity: one pod per node, one replica too many', () =>
      agree(() => antiAffinityUnmet(namespace), ['-A']));
    it('with -n (other namespaces read for node usage): still agrees', () =>
      agree(() => unschedulableTooLarge(namespace, { name: 'too-large-2', cpu: '9' }), ['-n', namespace]));
  });

  describe('a node that stops heartbeating', () => {
    let lost: ScenarioResult;
    before(async () => {
      lost = track(await notReadyNode(await ns('dg-node'), { timeoutMs: 150_000 }));
    });

    it('node-not-ready (critical) on the node, reported with -n for the namespace whose pod runs there', async () => {
      const run = await diagnose(['-n', lost.namespace]);
      assert.equal(run.status, 1, run.stderr);
      const finding = run.report.findings.find(
        (f) => f.check === 'node-not-ready' && f.object.name === lost.facts.node,
      );
      assert.ok(finding, JSON.stringify(run.report.findings));
      assert.equal(finding.severity, 'critical');
      assert.match(finding.message, /is Unknown/);
      assert.equal(run.report.causes?.[0]?.id, `node-not-ready/${lost.facts.node}`);
    });
  });
});
