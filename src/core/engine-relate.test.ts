// One problem, one finding to act on: findings that restate another's root cause carry relatedTo (decision 0038).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { securityChecks } from '../checks/security/index.ts';
import { textReporter } from '../reporters/text.ts';
import { parseManifestText } from '../sources/files/parse-yaml.ts';
import { emptyConfig } from './config.ts';
import { runChecks, selectChecks } from './engine.ts';
import { ObjectIndex } from './index.ts';
import { buildReport } from './report.ts';

const YAML = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ops}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
        - name: agent
          image: agent:1.0.0
          securityContext: {privileged: true}
        - name: sidecar
          image: sidecar:1.0.0
          securityContext: {capabilities: {add: [NET_ADMIN]}}
      volumes:
        - {name: proc, hostPath: {path: /proc}}
        - {name: logs, hostPath: {path: /var/log/agent}}
`;

function run() {
  const index = new ObjectIndex(parseManifestText(YAML, 'agent.yaml').objects, { partial: true });
  const settings = { now: new Date('2026-12-01T00:00:00Z') };
  return runChecks(index, selectChecks(securityChecks, emptyConfig(), settings), settings).findings;
}

describe('related findings', () => {
  const findings = run();
  const find = (check: string, path: RegExp) => {
    const found = findings.filter((f) => f.check === check && path.test(f.path ?? ''));
    assert.equal(
      found.length,
      1,
      `${check} at ${path}: ${JSON.stringify(findings.map((f) => [f.check, f.path]))}`,
    );
    return found[0]!;
  };

  it('privileged ⇒ privilege escalation, on the same field', () => {
    const root = find('container-privileged', /containers\[0\]/);
    const restated = find('container-privilege-escalation-allowed', /containers\[0\]/);
    assert.equal(restated.relatedTo, root.fingerprint);
    assert.equal(root.relatedTo, undefined);
  });

  it('an unrelated cause on another container is not related (NET_ADMIN does not imply escalation)', () => {
    assert.equal(find('container-privilege-escalation-allowed', /containers\[1\]/).relatedTo, undefined);
  });

  it('sensitive hostPath ⇒ hostPath on the same volume, not on another one', () => {
    const root = find('volume-host-path-sensitive', /volumes\[0\]/);
    assert.equal(find('volume-host-path', /volumes\[0\]/).relatedTo, root.fingerprint);
    assert.equal(find('volume-host-path', /volumes\[1\]/).relatedTo, undefined);
  });

  it('no seccomp profile, capabilities not dropped ⇒ hardening missing, per container', () => {
    const root = find('container-seccomp-profile-missing', /containers\[1\]/);
    assert.equal(find('container-hardening-missing', /containers\[1\]/).relatedTo, root.fingerprint);
  });

  it('the text output prints a related finding under its root, not as a line of its own', () => {
    const report = buildReport({
      version: 't',
      command: 'review',
      source: { kind: 'files', paths: ['agent.yaml'] },
      objects: 1,
      findings,
      problems: [],
    });
    const text = textReporter(report, { color: false, showSuppressed: false });
    const lines = text.split('\n');
    const root = lines.findIndex((l) => l.includes('mounts sensitive host path "/proc"'));
    assert.ok(root >= 0, text);
    assert.ok(
      lines.slice(root + 1, root + 4).some((l) => /^ {6}which includes: \[volume-host-path\]$/.test(l)),
      text,
    );
    assert.equal(lines.filter((l) => l.includes('volume "proc" mounts host path "/proc"')).length, 0, text);
  });
});
