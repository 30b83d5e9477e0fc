// Plain scalars are read as Kubernetes reads them: sigs.k8s.io/yaml decodes with goyaml v2 (a YAML 1.1 resolver), so
// `hostNetwork: yes` is a boolean to the API server and must not escape the checks (docs/decisions/0021).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseManifestText } from '../../src/sources/files/parse-yaml.ts';
import { shipshape } from './cli-support.ts';

function parse(text: string): Record<string, unknown> {
  const { objects, problems } = parseManifestText(`apiVersion: v1\nkind: ConfigMap\n${text}`, 't.yaml');
  assert.deepEqual(problems, []);
  return objects[0]!.object as unknown as Record<string, unknown>;
}

describe('YAML 1.1 scalars as Kubernetes reads them', () => {
  it('yes/no/on/off/y/n in their three spellings are booleans; quoted or tagged they stay strings', () => {
    const spellings = [
      'y',
      'Y',
      'yes',
      'Yes',
      'YES',
      'on',
      'On',
      'ON',
      'n',
      'N',
      'no',
      'No',
      'NO',
      'off',
      'Off',
      'OFF',
    ];
    const object = parse(`data:\n${spellings.map((s, i) => `  k${i}: ${s}\n`).join('')}`);
    assert.deepEqual(
      Object.values(object.data as object),
      spellings.map((s) => /^(y|yes|on)$/i.test(s)),
    );
    const quoted = parse('data:\n  a: "yes"\n  b: \'off\'\n  c: !!str y\n  d: yEs\n  e: true\n  f: False\n');
    assert.deepEqual(quoted.data, { a: 'yes', b: 'off', c: 'y', d: 'yEs', e: true, f: false });
  });

  it('a leading zero is octal (defaultMode: 0644 is 420), as in 0o644; other numbers are unchanged', () => {
    const object = parse(
      'spec:\n  a: 0644\n  b: 0o644\n  c: -0755\n  d: 08\n  e: 0\n  f: 0x1F\n  g: 1.5\n  h: 0.5\n',
    );
    assert.deepEqual(object.spec, { a: 420, b: 420, c: -493, d: 8, e: 0, f: 31, g: 1.5, h: 0.5 });
  });

  it('keeps what goyaml v2 keeps as strings: sexagesimal, timestamps, a bare "=" enum item', () => {
    const object = parse(
      'spec:\n  time: 10:30\n  date: 2001-12-14\n  enum:\n    - =\n    - "!="\n    - =~\n',
    );
    assert.deepEqual(object.spec, { time: '10:30', date: '2001-12-14', enum: ['=', '!=', '=~'] });
  });

  it('a boolean-looking key becomes "true"/"false", as sigs.k8s.io/yaml converts keys for JSON', () => {
    const { objects } = parseManifestText(
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  on: 1\n  n: 2\n',
      't.yaml',
    );
    assert.deepEqual(objects[0]!.object.data, { true: 1, false: 2 });
    assert.deepEqual(objects[0]!.origin!.locate(['data', 'false']), { line: 5, column: 3 });
  });

  it('applies merge keys, as goyaml v2 does', () => {
    const object = parse('base: &b\n  x: 1\n  y2: 1\nspec:\n  <<: *b\n  y2: 2\n');
    assert.deepEqual(object.spec, { x: 1, y2: 2 });
  });

  const ALERTMANAGER_CRD =
    '/work/shared/corpus/real-world/prometheus-operator/monitoring.coreos.com_alertmanagerconfigs.yaml';
  it('the real-world AlertmanagerConfig CRD keeps its "=" matchType enum item a string', {
    skip: existsSync(ALERTMANAGER_CRD) ? false : 'corpus file not present',
  }, () => {
    const { objects, problems } = parseManifestText(readFileSync(ALERTMANAGER_CRD, 'utf8'), 'crd.yaml');
    assert.deepEqual(problems, []);
    const enums: unknown[][] = [];
    JSON.stringify(objects[0]!.object, (key, value) => {
      if (key === 'enum' && Array.isArray(value) && value.includes('!=')) enums.push(value);
      return value;
    });
    assert.ok(enums.length > 0);
    for (const list of enums) assert.ok(list.includes('='), JSON.stringify(list));
  });
});

describe('checks see YAML 1.1 booleans', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-yaml11-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const pod = (name: string, value: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  hostNetwork: ${value}\n  containers:\n    - name: app\n      image: app:1.0\n`;

  it('hostNetwork: yes fires the host-namespace check at its line; hostNetwork: no and off do not', () => {
    writeFileSync(join(dir, 'yes.yaml'), pod('on-host', 'yes'));
    writeFileSync(join(dir, 'on.yaml'), pod('on-host-2', 'On'));
    writeFileSync(join(dir, 'no.yaml'), pod('off-host', 'no'));
    writeFileSync(join(dir, 'off.yaml'), pod('off-host-2', 'OFF'));
    const run = shipshape(['review', dir, '--include', 'pss-host-namespaces', '-o', 'json']);
    const report = JSON.parse(run.stdout) as {
      findings: { object: { name: string }; file: string; line: number }[];
    };
    assert.deepEqual(
      report.findings.map((f) => [f.object.name, f.file.slice(dir.length + 1), f.line]).sort(),
      [
        ['on-host', 'yes.yaml', 6],
        ['on-host-2', 'on.yaml', 6],
      ],
    );
  });
});
