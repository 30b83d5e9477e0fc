import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CauseLog, Report } from '../core/report.ts';
import { causesMarkdown, causesText } from './causes.ts';
import { jsonReporter } from './json.ts';
import { contractValidator } from './testing/contract.ts';

const plain = (_style: string, text: string) => text;

function report(logs?: CauseLog[]): Report {
  return {
    tool: { name: 'shipshape', version: '0.0.0' },
    command: 'diagnose',
    source: { kind: 'cluster', context: 'prod', server: 'https://k8s.example:6443' },
    summary: {
      objects: 3,
      findings: 1,
      suppressed: 0,
      bySeverity: { critical: 0, high: 1, medium: 0, low: 0, info: 0 },
    },
    findings: [
      {
        check: 'pod-crash-looping',
        severity: 'high',
        category: 'reliability',
        object: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'checkout-7d9-abc' },
        path: 'status.containerStatuses[0]',
        message: 'container "checkout" is crash-looping',
        remediation: 'Read the previous container logs.',
        runbook: 'docs/runbooks/pod-crash-looping.md',
        fingerprint: '0123456789abcdef',
        evidence: ['container "checkout": waiting CrashLoopBackOff, 5 restarts'],
      },
    ],
    errors: [],
    causes: [
      {
        id: 'crash-looping/x',
        summary: 'Deployment shop/checkout: container "checkout" exits with code 2',
        severity: 'high',
        impact: { namespaces: ['shop'], workloads: ['Deployment shop/checkout'], pods: 1 },
        findings: [0],
        root: [0],
        consequences: [],
        fix: 'Read the previous container logs.',
        nextSteps: ['kubectl --context prod -n shop logs checkout-7d9-abc -c checkout --previous --tail=50'],
        runbook: 'docs/runbooks/pod-crash-looping.md',
        ...(logs ? { logs } : {}),
      },
    ],
  };
}

const tail: CauseLog = {
  namespace: 'shop',
  pod: 'checkout-7d9-abc',
  container: 'checkout',
  previous: true,
  lines: ['starting checkout', '', 'panic: config file /etc/app/config.yaml not found'],
};

describe('causes with a log tail', () => {
  it('text: an indented block under the evidence, saying which instance and how many lines', () => {
    const text = causesText(report([tail]), plain).join('\n');
    assert.match(
      text,
      /evidence:\n {5}- container "checkout": waiting CrashLoopBackOff, 5 restarts\n {3}log \(previous container, last 3 lines\): pod checkout-7d9-abc, container checkout\n {5}\| starting checkout\n {5}\|\n {5}\| panic: config file \/etc\/app\/config.yaml not found\n {3}next:/,
    );
    const current = causesText(
      report([{ ...tail, previous: false, lines: ['one'], truncated: true }]),
      plain,
    ).join('\n');
    assert.match(current, /log \(current container, last 1 line, cut at the byte limit\)/);
    const empty = causesText(report([{ ...tail, lines: [] }]), plain).join('\n');
    assert.match(empty, /log \(previous container, empty\): pod checkout-7d9-abc/);
  });

  it('text: an unreadable log is a note in the evidence, and no log block', () => {
    const text = causesText(
      report([{ ...tail, lines: [], error: 'forbidden: no permission to get pods/log' }]),
      plain,
    ).join('\n');
    assert.match(
      text,
      /- log unavailable: forbidden: no permission to get pods\/log \(pod checkout-7d9-abc, container checkout\)/,
    );
    assert.doesNotMatch(text, /log \(previous container/);
  });

  it('text: without logs nothing changes', () => {
    const text = causesText(report(), plain).join('\n');
    assert.doesNotMatch(text, /log \(|log unavailable/);
  });

  it('markdown: a fenced block no log line can close', () => {
    const md = causesMarkdown(report([tail])).join('\n');
    assert.match(
      md,
      /Log of pod `checkout-7d9-abc`, container `checkout` \(previous container, last 3 lines\):\n\n```text\nstarting checkout\n\npanic: config file \/etc\/app\/config.yaml not found\n```\n/,
    );
    const tricky = causesMarkdown(report([{ ...tail, lines: ['```', 'echo `id`', '````'] }])).join('\n');
    assert.match(tricky, /\n`````text\n```\necho `id`\n````\n`````\n/);
  });

  it('markdown: an unreadable log is a note in the evidence block', () => {
    const md = causesMarkdown(
      report([{ ...tail, lines: [], error: 'kubelet unreachable: dial tcp: i/o timeout' }]),
    ).join('\n');
    assert.match(
      md,
      /<summary>Evidence<\/summary>\n\n```\n.*\nlog unavailable: kubelet unreachable: dial tcp: i\/o timeout \(pod checkout-7d9-abc, container checkout\)\n```/,
    );
    assert.doesNotMatch(md, /Log of pod/);
  });

  it('json: logs on the cause, valid against the published contract', () => {
    const validate = contractValidator();
    for (const logs of [
      [tail],
      [{ ...tail, lines: [], error: 'forbidden: no permission to get pods/log' }],
    ]) {
      const parsed = JSON.parse(jsonReporter(report(logs), { color: false })) as Report;
      assert.ok(validate(parsed), JSON.stringify(validate.errors));
      assert.deepEqual(parsed.causes?.[0]?.logs, logs);
    }
    const bad = JSON.parse(jsonReporter(report([tail]), { color: false })) as {
      causes: { logs: { lines: unknown }[] }[];
    };
    bad.causes[0]!.logs[0]!.lines = 'not a list';
    assert.equal(validate(bad), false);
  });
});

describe('cause evidence', () => {
  const sibling = (name: string, evidence: string[]) => ({
    ...report().findings[0]!,
    object: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name },
    evidence,
  });
  const withMembers = (...findings: ReturnType<typeof sibling>[]): Report => {
    const base = report();
    return {
      ...base,
      findings,
      causes: [{ ...base.causes![0]!, findings: findings.map((_, i) => i), root: findings.map((_, i) => i) }],
    };
  };

  it('sibling pods differing only in counts read as one line with a count', () => {
    const text = causesText(
      withMembers(
        sibling('a', ['container "app": waiting CrashLoopBackOff, 13 restarts', 'memory limit: 128Mi']),
        sibling('b', ['container "app": waiting CrashLoopBackOff, 14 restarts', 'memory limit: 128Mi']),
        sibling('c', ['container "app": waiting CrashLoopBackOff, 13 restarts', 'memory limit: 128Mi']),
      ),
      plain,
    ).join('\n');
    assert.match(text, /- container "app": waiting CrashLoopBackOff, 13 restarts \(and 1 more like it\)\n/);
    assert.match(text, /- memory limit: 128Mi\n/);
    assert.doesNotMatch(text, /14 restarts/);
  });

  it('lines naming different objects stay apart', () => {
    const text = causesText(
      withMembers(
        sibling('a', [
          'node node-1: cpu: requests 6, 3500m of 4 free',
          'node node-2: cpu: requests 6, 3500m of 4 free',
        ]),
      ),
      plain,
    ).join('\n');
    assert.match(text, /node node-1: cpu/);
    assert.match(text, /node node-2: cpu/);
    assert.doesNotMatch(text, /more like it/);
  });
});
