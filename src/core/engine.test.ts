import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerPrivileged } from '../checks/security/container-privileged.ts';
import { jsonReporter } from '../reporters/json.ts';
import { parseManifestText } from '../sources/files/parse-yaml.ts';
import { defineCheck } from './check.ts';
import { emptyConfig } from './config.ts';
import { runChecks, selectChecks } from './engine.ts';
import { ObjectIndex } from './index.ts';
import { buildReport } from './report.ts';

const privileged = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers: [{name: app, image: app:1, securityContext: {privileged: true}}]
`;
const settings = { now: new Date('2026-12-06T00:00:00Z') };

describe('engine', () => {
  it('keeps a finding fix for --fix, out of the JSON report', () => {
    const { objects } = parseManifestText(privileged, 'pod.yaml');
    const selected = selectChecks([containerPrivileged], emptyConfig(), settings);
    const { findings } = runChecks(new ObjectIndex(objects, { partial: true }), selected, settings);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.fix?.edits[0]?.op, 'set');
    const report = buildReport({
      version: '0',
      command: 'review',
      source: { kind: 'files' },
      objects: 1,
      findings,
      problems: [],
    });
    const json = jsonReporter(report, { color: false });
    assert.ok(!json.includes('"fix"') && !json.includes('"edits"'), json);
    assert.equal(JSON.parse(json).findings[0].check, 'container-privileged');
    // Without --fix the engine keeps no fixes at all.
    const index = new ObjectIndex(objects, { partial: true });
    const plain = runChecks(index, selected, settings, { fixes: false }).findings;
    assert.equal(plain[0]!.fix, undefined);
    assert.equal(plain[0]!.fingerprint, findings[0]!.fingerprint);
  });

  it('drops a finding repeated with the same fingerprint, file and message; keeps one in another file', () => {
    const twice = defineCheck({
      id: 'twice',
      title: 't',
      severity: 'low',
      category: 'configuration',
      description: 'd',
      remediation: 'r',
      appliesTo: ['Pod'],
      *check() {
        yield { message: 'same' };
        yield { message: 'same' };
        yield { message: 'other' };
      },
    });
    const objects = [
      ...parseManifestText(privileged, 'a/pod.yaml').objects,
      ...parseManifestText(privileged, 'b/pod.yaml').objects,
    ];
    const selected = selectChecks([twice], emptyConfig(), settings);
    const { findings } = runChecks(new ObjectIndex(objects, { partial: true }), selected, settings);
    assert.deepEqual(
      findings.map((f) => `${f.file} ${f.message}`),
      ['a/pod.yaml other', 'a/pod.yaml same', 'b/pod.yaml other', 'b/pod.yaml same'],
    );
  });
});
