// Live (issue #9): one cause per root problem, the root object first, a fix specific to the reason found — for
// failures the real components produce on the test bed (PV controller, kube-scheduler, quota admission, HPA and
// disruption controllers). And the same causes from a snapshot of the same cluster (`shipshape snapshot`).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeRef } from '../../src/core/object.ts';
import type { Cause, Report } from '../../src/core/report.ts';
import {
  createTestNamespace,
  deleteNamespace,
  hpaMissingTarget,
  imagePullTypo,
  missingStorageClass,
  pdbBlocksDrain,
  quotaExhausted,
  quotaRequiresResources,
  type ScenarioResult,
  serviceWithoutEndpoints,
  testbedKubeconfig,
  testbedSkipReason,
  topologySpreadUnmet,
  unschedulableNodeSelector,
  unschedulableTaint,
  unschedulableTooLarge,
} from '../../testbed/scenarios.ts';
import { diagnoseJson, runCli } from '../support/cli.ts';

const skip = await testbedSkipReason();

async function diagnose(args: string[]): Promise<Report> {
  return (await diagnoseJson(args, testbedKubeconfig())).report;
}

interface Expectation {
  /** "check Kind namespace/name" of the first root finding. */
  root: string;
  summary: RegExp;
  /** What the fix must say: the deciding names and numbers. */
  fix: RegExp[];
  /** Advice that does not apply to this reason and must not appear. */
  notInFix: RegExp;
  /** Consequences that must be listed under the root ("check Kind namespace/name"). */
  consequences?: string[];
}

const label = (report: Report, i: number) => {
  const f = report.findings[i]!;
  return `${f.check} ${describeRef(f.object)}`;
};

function assertCause(report: Report, expected: Expectation): Cause {
  const causes = report.causes ?? [];
  assert.equal(
    causes.length,
    1,
    `exactly one cause, got: ${JSON.stringify(
      causes.map((c) => c.summary),
      null,
      1,
    )}`,
  );
  const cause = causes[0]!;
  assert.equal(label(report, cause.root[0]!), expected.root);
  assert.deepEqual(cause.findings.slice(0, cause.root.length), cause.root, 'the root findings come first');
  assert.match(cause.summary, expected.summary);
  assert.match(cause.summary, /^[A-Z].*\.$/, 'the summary is one sentence');
  for (const pattern of expected.fix) assert.match(cause.fix, pattern);
  assert.doesNotMatch(cause.fix, expected.notInFix);
  const consequences = cause.consequences.map((c) => label(report, c.finding));
  for (const c of expected.consequences ?? []) assert.ok(consequences.includes(c), `${c} in ${consequences}`);
  return cause;
}

const ns = (r: ScenarioResult) => r.namespace;

describe('diagnose: one cause per root, the fix for the reason found (live)', {
  skip,
  timeout: 900_000,
}, () => {
  const namespaces: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const fresh = async (prefix: string) => {
    const name = await createTestNamespace(prefix);
    namespaces.push(name);
    return name;
  };
  const s: Record<string, ScenarioResult> = {};

  before(async () => {
    const make = async (key: string, prefix: string, create: (ns: string) => Promise<ScenarioResult>) => {
      s[key] = await create(await fresh(prefix));
      cleanups.push(s[key]!.cleanup);
    };
    await Promise.all([
      make('storage', 'dc-sc', (n) => missingStorageClass(n)),
      make('large', 'dc-big', (n) => unschedulableTooLarge(n)),
      make('selector', 'dc-sel', (n) => unschedulableNodeSelector(n)),
      make('spread', 'dc-spread', (n) => topologySpreadUnmet(n)),
      make('quotaFields', 'dc-qf', (n) => quotaRequiresResources(n)),
      make('quotaFull', 'dc-qx', (n) => quotaExhausted(n)),
      make('hpa', 'dc-hpa', (n) => hpaMissingTarget(n)),
      make('service', 'dc-svc', (n) => serviceWithoutEndpoints(n)),
      make('pdb', 'dc-pdb', (n) => pdbBlocksDrain(n)),
      make('pull', 'dc-pull', (n) => imagePullTypo(n)),
    ]);
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    for (const name of namespaces) await deleteNamespace(name).catch(() => undefined);
  });

  it('a claim naming a missing StorageClass: the claim is the root, its pod waits under it', async () => {
    const r = s.storage!;
    assertCause(await diagnose(['-n', ns(r)]), {
      root: `pvc-not-bound PersistentVolumeClaim ${ns(r)}/${r.facts.claim}`,
      summary: new RegExp(
        `^PersistentVolumeClaim ${ns(r)}/${r.facts.claim} is Pending: StorageClass "fast-ssd" does not exist\\.$`,
      ),
      fix: [
        /Create StorageClass "fast-ssd"/,
        /StatefulSet db's volumeClaimTemplates/,
        /delete claim data-db-0/,
      ],
      notInFix: /toleration|uncordon|nodeSelector|requests? (to|is)/,
      consequences: [`pod-unschedulable Pod ${ns(r)}/db-0`],
    });
  });

  it('a pod bigger than any node: the request against the largest node, and that more such nodes cannot help', async () => {
    const r = s.large!;
    assertCause(await diagnose(['-n', ns(r)]), {
      root: `pod-unschedulable Pod ${ns(r)}/${r.facts.pod}`,
      summary:
        /cannot be scheduled: 64 cpu and 512Gi memory requested, more than any node has allocatable \(at most 8 cpu, 32Gi memory\)\.$/,
      fix: [
        /the largest node \(kwok-node-\d+\) has 8 allocatable/,
        /adding nodes of the current sizes would not help/,
      ],
      notInFix: /toleration|uncordon|nodeSelector|PersistentVolumeClaim|claim/,
    });
  });

  it('a nodeSelector nothing satisfies: the label wanted and the labels the nodes carry', async () => {
    const r = s.selector!;
    assertCause(await diagnose(['-n', ns(r)]), {
      root: `pod-unschedulable Pod ${ns(r)}/${r.facts.pod}`,
      summary:
        /no node has the label node\.kubernetes\.io\/instance-type=gpu\.xlarge that the nodeSelector requires\.$/,
      fix: [
        /nodes carry node\.kubernetes\.io\/instance-type=testbed\.large \(\d+ nodes\)/,
        /kubectl label node <node> node\.kubernetes\.io\/instance-type=gpu\.xlarge/,
      ],
      notInFix: /toleration|uncordon|request|PersistentVolumeClaim/,
    });
  });

  it('a topology spread that cannot be met: the constraint, the domain counts and minDomains', async () => {
    const r = s.spread!;
    assertCause(await diagnose(['-n', ns(r)]), {
      root: `pod-unschedulable Pod ${ns(r)}/${r.facts.pod}`,
      summary: new RegExp(
        `wants at least ${r.facts.minDomains} topology\\.kubernetes\\.io/zone domains and the eligible nodes span ${r.facts.zones}\\.$`,
      ),
      fix: [/testbed-a 1, testbed-b 1, testbed-c 1/, new RegExp(`Lower minDomains to ${r.facts.zones}`)],
      notInFix: /toleration|uncordon|request|PersistentVolumeClaim|nodeSelector/,
    });
  });

  it('a quota that demands requests/limits: the fields per container, or a LimitRange', async () => {
    const r = s.quotaFields!;
    assertCause(await diagnose(['-n', ns(r)]), {
      root: `workload-replicas-unavailable Deployment ${ns(r)}/web`,
      summary:
        /cannot create pods: ResourceQuota compute requires limits\.cpu, limits\.memory, requests\.cpu and requests\.memory, which its pod template does not set\.$/,
      fix: [
        /Add resources\.limits\.cpu, resources\.limits\.memory, resources\.requests\.cpu and resources\.requests\.memory to container app/,
        new RegExp(`create a LimitRange in namespace ${ns(r)}`),
      ],
      notInFix: /rollout undo|toleration|webhook|PodSecurity/,
    });
  });

  it('a quota exhausted: the quota is the root, requested against what is left, the Deployment under it', async () => {
    const r = s.quotaFull!;
    assertCause(await diagnose(['-n', ns(r)]), {
      root: `resourcequota-exhausted ResourceQuota ${ns(r)}/compute`,
      summary: /requests\.cpu: 800m of 1 used, 400m more requested/,
      fix: [
        /Raise requests\.cpu to at least 1200m in ResourceQuota compute/,
        /requests\.cpu 200m left, 400m asked/,
      ],
      notInFix: /rollout undo|toleration|LimitRange|must specify/,
      consequences: [`workload-replicas-unavailable Deployment ${ns(r)}/api`],
    });
  });

  it('an HPA with a missing target: one cause, the target typo named', async () => {
    const r = s.hpa!;
    assertCause(await diagnose(['-n', ns(r)]), {
      root: `hpa-target-not-found HorizontalPodAutoscaler ${ns(r)}/web`,
      summary: /scales nothing: Deployment webb does not exist \(did you mean Deployment web\?\)\.$/,
      fix: [/^Did you mean Deployment web\? Set spec\.scaleTargetRef\.name to "web"/],
      notInFix: /metrics-server|maxReplicas/,
      consequences: [`hpa-unhealthy HorizontalPodAutoscaler ${ns(r)}/web`],
    });
  });

  it('a Service selector typo next to the right labels: did you mean', async () => {
    const r = s.service!;
    assertCause(await diagnose(['-n', ns(r)]), {
      root: `service-no-endpoints Service ${ns(r)}/${r.facts.service}`,
      summary:
        /its selector app=orphan-svc-backnd matches no pod, and app=orphan-svc-backend would match 1 pod\.$/,
      fix: [/^Did you mean app=orphan-svc-backend\? /, new RegExp(`Deployment ${ns(r)}/orphan-svc-backend`)],
      notInFix: /readiness|not ready/,
    });
  });

  it('a PDB that blocks drains: the budget against the replicas, and the replicas that would allow one eviction', async () => {
    const r = s.pdb!;
    assertCause(await diagnose(['-n', ns(r)]), {
      root: `pdb-no-disruptions-allowed PodDisruptionBudget ${ns(r)}/singleton`,
      summary: /minAvailable 1 with 1 pod leaves no pod to evict\.$/,
      fix: [/^Scale Deployment singleton to 2 replicas/, /replace minAvailable 1 by maxUnavailable: 1/],
      notInFix: /unhealthy|unhealthyPodEvictionPolicy/,
    });
  });

  it('a Deployment whose pods fail to pull: the image, and the tags of its repository that do run', async () => {
    const r = s.pull!;
    const cause = assertCause(await diagnose(['-n', ns(r)]), {
      root: `pod-image-pull-failing Pod ${ns(r)}/${r.facts.pod}`,
      summary:
        /^Image ghcr\.io\/shipshape\/storefront:does-not-exist cannot be pulled: the image or tag does not exist in the registry/,
      fix: [/Tags of ghcr\.io\/shipshape\/storefront running in the cluster: 4\.2\.0 \(1 pod\)/],
      notInFix: /imagePullSecret|egress|rate/,
    });
    assert.equal(cause.root.length, 2, 'both replicas are one cause');
  });

  describe('a taint nothing tolerates (run alone: it taints shared nodes)', () => {
    let r: ScenarioResult;
    before(async () => {
      r = await unschedulableTaint(await fresh('dc-taint'));
    });
    after(async () => {
      await r?.cleanup();
    });
    it('the taint, on how many of the selected nodes, and the toleration to add', async () => {
      const value = (r.facts.taint as { value: string }).value;
      assertCause(await diagnose(['-n', r.namespace]), {
        root: `pod-unschedulable Pod ${r.namespace}/${r.facts.pod}`,
        summary: new RegExp(
          `the 2 nodes the nodeSelector testbed\\.shipshape\\.dev/pool=${value} selects carry taint dedicated=${value}:NoSchedule, which the pod does not tolerate\\.$`,
        ),
        fix: [
          new RegExp(`Taint dedicated=${value}:NoSchedule is on 2 nodes`),
          new RegExp(`\\{key: dedicated, operator: Equal, value: ${value}, effect: NoSchedule\\}`),
        ],
        notInFix: /request|uncordon|PersistentVolumeClaim|capacity/,
      });
    });
  });

  it('snapshot mode gives the same causes as live mode on the same cluster', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-causes-'));
    try {
      const file = join(dir, 'cluster.json.gz');
      const mine = (report: Report) =>
        (report.causes ?? [])
          .filter((c) =>
            c.findings.some((i) => namespaces.includes(report.findings[i]?.object.namespace ?? '')),
          )
          .map((c) => ({
            id: c.id,
            summary: c.summary,
            severity: c.severity,
            fix: c.fix,
            root: c.root.map((i) => label(report, i)),
            consequences: c.consequences.map((x) => `${label(report, x.finding)} <- ${label(report, x.of)}`),
          }))
          .sort((a, b) => a.id.localeCompare(b.id));
      const before = mine(await diagnose(['-A']));
      const snap = await runCli([
        'snapshot',
        '--kubeconfig',
        testbedKubeconfig(),
        '-A',
        '-o',
        file,
        '--no-progress',
      ]);
      assert.equal(snap.status, 0, snap.stderr);
      const afterLive = mine(await diagnose(['-A']));
      const offline = mine(await diagnose(['--snapshot', file]));
      assert.ok(offline.length >= namespaces.length - 1, JSON.stringify(offline));
      // The cluster may move between two reads (a count, a deadline passed): the snapshot must equal one of them.
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      assert.ok(
        same(offline, before) || same(offline, afterLive),
        `snapshot causes differ from live:\n${JSON.stringify({ offline, live: afterLive }, null, 1)}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
