import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { LoadedObject } from '../../core/object.ts';
import { renderChart, renderKustomization, splitDocuments, splitHelmOutput } from './render.ts';

// Stub tools on a private PATH: each prints what the test planted, so the parsing and attribution are tested
// without helm installed (test/e2e/render.test.ts runs the real tools).
const bin = mkdtempSync(join(tmpdir(), 'shipshape-render-'));
after(() => rmSync(bin, { recursive: true, force: true }));

function stub(name: string, stdout: string, stderr = '', status = 0): void {
  const out = join(bin, `${name}.out`);
  const err = join(bin, `${name}.err`);
  writeFileSync(out, stdout);
  writeFileSync(err, stderr);
  writeFileSync(
    join(bin, name),
    `#!/bin/sh\necho "$@" > "${join(bin, `${name}.args`)}"\n/bin/cat "${out}"\n/bin/cat "${err}" >&2\nexit ${status}\n`,
  );
  chmodSync(join(bin, name), 0o755);
}

function withPath<T>(path: string, run: () => T): T {
  const saved = process.env.PATH;
  process.env.PATH = path;
  try {
    return run();
  } finally {
    process.env.PATH = saved;
  }
}

const HELM_OUTPUT = `---
# Source: webapp/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: release-web
spec:
  selector:
    app: web
---
# Source: webapp/templates/service.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: release-config
---
# Source: webapp/charts/cache/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: release-cache
spec:
  template:
    spec:
      containers:
        - name: cache
          image: redis:latest
`;

describe('splitDocuments', () => {
  it('splits at bare --- lines only', () => {
    assert.deepEqual(splitDocuments('a: 1\n---\nb: 2\n--- # c\nc: 3\n----\nd: 4\n'), [
      'a: 1\n',
      'b: 2\n',
      'c: 3\n----\nd: 4\n',
    ]);
    assert.deepEqual(splitDocuments('---\n---\n\n'), []);
    assert.deepEqual(splitDocuments('x: "---"\n'), ['x: "---"\n']);
  });
});

describe('splitHelmOutput', () => {
  it('attributes each document to its template under the chart directory, lines counted from the document', () => {
    const docs = splitHelmOutput(HELM_OUTPUT, 'charts/web');
    assert.deepEqual(
      docs.map((d) => d.file),
      [
        'charts/web/templates/service.yaml (rendered by helm)',
        'charts/web/templates/service.yaml (rendered by helm)',
        'charts/web/charts/cache/templates/deployment.yaml (rendered by helm)',
      ],
    );
    assert.ok(docs[0]!.text.startsWith('apiVersion: v1\nkind: Service'), docs[0]!.text);
  });

  it('falls back to the chart directory when a document names no source', () => {
    assert.deepEqual(splitHelmOutput('apiVersion: v1\nkind: Pod\n', 'c'), [
      { text: 'apiVersion: v1\nkind: Pod\n', file: 'c (rendered by helm)' },
    ]);
    // A "# Source:" comment after content is not the document's header.
    const late = splitHelmOutput('apiVersion: v1\n# Source: x/templates/a.yaml\nkind: Pod\n', 'c');
    assert.equal(late[0]!.file, 'c (rendered by helm)');
  });
});

describe('renderChart', () => {
  it('passes the values files to helm template and keeps template positions', () => {
    stub('helm', HELM_OUTPUT);
    const result = withPath(bin, () => renderChart('charts/web', ['values-prod.yaml', 'more.yaml']));
    assert.deepEqual(result.problems, []);
    assert.equal(result.files, 1);
    assert.equal(
      readArgs('helm'),
      'template release charts/web --values values-prod.yaml --values more.yaml',
    );
    const [service, config, cache] = result.objects;
    assert.equal(service!.ref.name, 'release-web');
    assert.equal(service!.origin!.file, 'charts/web/templates/service.yaml (rendered by helm)');
    assert.deepEqual(service!.origin!.locate(['spec', 'selector', 'app']), { line: 7, column: 5 });
    // Two documents of one template stay distinct documents of that file.
    assert.equal(config!.origin!.file, service!.origin!.file);
    assert.deepEqual([service!.origin!.document, config!.origin!.document], [0, 1]);
    assert.equal(cache!.origin!.file, 'charts/web/charts/cache/templates/deployment.yaml (rendered by helm)');
    assert.deepEqual(cache!.origin!.locate(['spec', 'template', 'spec', 'containers', 0, 'image']), {
      line: 10,
      column: 11,
    });
  });

  it('tells helm the target Kubernetes version and what a live cluster serves', () => {
    stub('helm', HELM_OUTPUT);
    withPath(bin, () =>
      renderChart('charts/web', [], {
        kubeVersion: '1.34',
        apiVersions: ['monitoring.coreos.com/v1', 'monitoring.coreos.com/v1/ServiceMonitor'],
      }),
    );
    assert.equal(
      readArgs('helm'),
      'template release charts/web --kube-version 1.34 --api-versions monitoring.coreos.com/v1 --api-versions monitoring.coreos.com/v1/ServiceMonitor',
    );
  });

  it('without the template lines (no chart to instrument here), a finding has the template file and no line', () => {
    stub('helm', HELM_OUTPUT);
    const [service] = withPath(bin, () => renderChart('charts/web', [])).objects;
    assert.deepEqual(service!.origin!.place!(['spec', 'selector']), {
      file: 'charts/web/templates/service.yaml (rendered by helm)',
    });
  });

  it('reports a template error at the template file and line helm names, without the usage text', () => {
    stub(
      'helm',
      '',
      'Error: execution error at (webapp/templates/pod.yaml:7:14): image.repository is required\n\nUse --debug flag to render out invalid YAML\n',
      1,
    );
    const result = withPath(bin, () => renderChart('charts/broken', []));
    assert.deepEqual(result.objects, []);
    assert.deepEqual(result.problems, [
      {
        kind: 'source',
        file: 'charts/broken/templates/pod.yaml',
        line: 7,
        column: 14,
        message:
          'helm template failed for chart "charts/broken": execution error at (webapp/templates/pod.yaml:7:14): image.repository is required',
      },
    ]);
  });

  it('keeps the chart directory when helm names no template', () => {
    stub(
      'helm',
      '',
      'Error: values.yaml: error converting YAML to JSON: yaml: line 2: did not find expected key\n',
      1,
    );
    const [problem] = withPath(bin, () => renderChart('c', [])).problems;
    assert.equal(problem!.file, 'c');
    assert.equal(problem!.line, undefined);
    assert.match(
      problem!.message,
      /^helm template failed for chart "c": values\.yaml: error converting YAML/,
    );
  });

  it('says plainly that helm is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'shipshape-nopath-'));
    try {
      const result = withPath(empty, () => renderChart('charts/web', []));
      assert.equal(result.files, 0);
      assert.deepEqual(result.problems, [
        {
          kind: 'source',
          file: 'charts/web',
          message:
            '"charts/web" is a Helm chart, but helm is not installed (not found on PATH); install helm (https://helm.sh/docs/intro/install/) to review charts; skipped',
        },
      ]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('renderKustomization', () => {
  const dir = join(bin, 'overlay');
  const base = join(bin, 'base');
  mkdirSync(dir);
  mkdirSync(base);
  writeFileSync(join(dir, 'kustomization.yml'), 'resources: [../base]\nsecretGenerator:\n  - name: creds\n');
  writeFileSync(
    join(base, 'app.yaml'),
    '# the base\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  annotations:\n    team: web\nspec:\n  type: ClusterIP\n',
  );
  const PLAIN =
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: p-a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: p-b\n';
  const origin = (lines: string[]) =>
    `    config.kubernetes.io/origin: |\n${lines.map((l) => `      ${l}\n`).join('')}`;
  // What kustomize prints for the wrapper: one object from the base, one from a remote repository, one generated.
  const WRAPPED = [
    `apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n${origin([`path: ${join(base, 'app.yaml')}`])}    team: web\n  name: p-a\nspec:\n  type: ClusterIP\n`,
    `apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n${origin(['path: svc.yaml', 'repo: https://example.com/r', 'ref: v1'])}  name: p-b\nspec:\n  type: NodePort\n`,
    `apiVersion: v1\nkind: Secret\nmetadata:\n  annotations:\n${origin([`configuredIn: ${join(dir, 'kustomization.yml')}`, 'configuredBy:', '  kind: SecretGenerator'])}  name: p-creds-9x\n`,
  ].join('---\n');

  /** A kustomize/kubectl stub that answers the wrapper build and the plain build differently and logs its calls. */
  function kustomizeStub(
    name: string,
    wrapper: { stdout?: string; stderr?: string; status?: number },
    plain: { stdout?: string; stderr?: string; status?: number },
    into = bin,
  ): void {
    const file = (suffix: string, text: string) => {
      writeFileSync(join(bin, `${name}.${suffix}`), text);
      return join(bin, `${name}.${suffix}`);
    };
    rmSync(join(bin, `${name}.log`), { force: true });
    writeFileSync(
      join(into, name),
      [
        '#!/bin/sh',
        `echo "$@" >> "${join(bin, `${name}.log`)}"`,
        'for last; do :; done',
        `if /bin/grep -q '^buildMetadata:' "$last/kustomization.yaml" 2>/dev/null; then`,
        `  /bin/cp "$last/kustomization.yaml" "${join(bin, `${name}.wrapper`)}"`,
        `  echo "$last" > "${join(bin, `${name}.wrapperdir`)}"`,
        `  /bin/cat "${file('wout', wrapper.stdout ?? '')}"; /bin/cat "${file('werr', wrapper.stderr ?? '')}" >&2`,
        `  exit ${wrapper.status ?? 0}`,
        'fi',
        `/bin/cat "${file('pout', plain.stdout ?? '')}"; /bin/cat "${file('perr', plain.stderr ?? '')}" >&2`,
        `exit ${plain.status ?? 0}`,
        '',
      ].join('\n'),
    );
    chmodSync(join(into, name), 0o755);
  }
  const calls = (name: string) =>
    readFileSync(join(bin, `${name}.log`), 'utf8')
      .trim()
      .split('\n');
  const summary = (objects: LoadedObject[]) =>
    objects.map((o) => [
      o.ref.name,
      o.origin!.file,
      o.origin!.document,
      o.origin!.locate(['spec', 'type']).line,
      o.origin!.scope,
    ]);

  it('builds a wrapper asking for origins, attributes objects to their source files, and removes the wrapper', () => {
    const only = join(bin, 'only-kubectl');
    mkdirSync(only);
    kustomizeStub('kubectl', { stdout: WRAPPED }, { stdout: PLAIN }, only);
    const before = readdirSync(dir);
    const result = withPath(only, () => renderKustomization(dir));
    assert.deepEqual(result.problems, []);
    // One call, on the wrapper; kustomize refuses absolute resource paths, so the user's directory is relative.
    const wrapperDir = readFileSync(join(bin, 'kubectl.wrapperdir'), 'utf8').trim();
    assert.deepEqual(calls('kubectl'), [`kustomize ${wrapperDir}`]);
    const wrapper = readFileSync(join(bin, 'kubectl.wrapper'), 'utf8');
    assert.match(
      wrapper,
      /^resources:\n {2}- "\.\.\/[^\n]*overlay"\nbuildMetadata: \[originAnnotations, transformerAnnotations\]$/m,
    );
    assert.equal(existsSync(wrapperDir), false, 'the wrapper is removed');
    assert.deepEqual(readdirSync(dir), before, 'nothing is written into the user directory');
    const kustomization = `${join(dir, 'kustomization.yml')} (rendered by kustomize)`;
    assert.deepEqual(summary(result.objects), [
      // From the base: its file, its lines (the comment line included).
      ['p-a', `${join(base, 'app.yaml')} (rendered by kustomize)`, 0, 9, dir],
      // Remote: the kustomization, at the line a plain build prints (the annotation's lines removed).
      ['p-b', kustomization, 1, 6, dir],
      // Generated: the generator entry of the kustomization that configured it.
      ['p-creds-9x', kustomization, 0, 3, dir],
    ]);
    // No check sees the origin annotation; the object's own annotations stay.
    assert.deepEqual(
      result.objects.map((o) => o.object.metadata.annotations),
      [{ team: 'web' }, undefined, undefined],
    );
    assert.ok(result.objects.every((o) => Object.isFrozen(o.object.metadata)));
  });

  it('falls back to the plain build when the wrapper build fails (an old kustomize), attributing to the kustomization', () => {
    kustomizeStub(
      'kustomize',
      { stderr: 'Error: json: unknown field "buildMetadata"\n', status: 1 },
      { stdout: PLAIN },
    );
    const result = withPath(bin, () => renderKustomization(dir));
    assert.deepEqual(result.problems, []);
    const wrapperDir = readFileSync(join(bin, 'kustomize.wrapperdir'), 'utf8').trim();
    assert.deepEqual(calls('kustomize'), [`build ${wrapperDir}`, `build ${dir}`]);
    assert.equal(existsSync(wrapperDir), false);
    const kustomization = `${join(dir, 'kustomization.yml')} (rendered by kustomize)`;
    assert.deepEqual(
      result.objects.map((o) => [
        o.ref.name,
        o.origin!.file,
        o.origin!.document,
        o.origin!.locate(['metadata', 'name']).line,
      ]),
      [
        ['p-a', kustomization, 0, 4],
        ['p-b', kustomization, 1, 4],
      ],
    );
  });

  it('reports the plain build error when both builds fail', () => {
    kustomizeStub(
      'kustomize',
      { stderr: 'Error: wrapped: missing.yaml: no such file or directory\n', status: 1 },
      { stderr: 'Error: accumulating resources: missing.yaml: no such file or directory\n', status: 1 },
    );
    const result = withPath(bin, () => renderKustomization(dir));
    assert.equal(calls('kustomize').length, 2);
    assert.deepEqual(result.problems, [
      {
        kind: 'source',
        file: dir,
        message: `kustomize build failed for "${dir}": accumulating resources: missing.yaml: no such file or directory`,
      },
    ]);
  });

  it('says plainly that neither tool is installed', () => {
    const empty = mkdtempSync(join(tmpdir(), 'shipshape-nopath-'));
    try {
      const [problem] = withPath(empty, () => renderKustomization(dir)).problems;
      assert.match(
        problem!.message,
        /is a Kustomize directory, but kustomize or kubectl is not installed \(not found on PATH\)/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

function readArgs(name: string): string {
  return readFileSync(join(bin, `${name}.args`), 'utf8').trim();
}
