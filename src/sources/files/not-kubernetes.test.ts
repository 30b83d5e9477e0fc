import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseManifestText } from './parse-yaml.ts';

const walked = (file: string, text: string) => parseManifestText(text, file, { skipNonKubernetes: true });

describe('files that are clearly not Kubernetes manifests (met while walking a directory)', () => {
  const skipped: [string, string, RegExp][] = [
    [
      '.github/workflows/ci.yaml',
      'name: ci\non:\n  push: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n',
      /^a GitHub Actions workflow: no apiVersion or kind/,
    ],
    // `on` is a YAML 1.1 boolean key, read as "true" like Kubernetes would: still recognised by its jobs.
    ['ci/build.yml', 'on: [push]\njobs:\n  build: {}\n', /^a GitHub Actions workflow/],
    ['.github/dependabot.yml', 'version: 2\nupdates: []\n', /^GitHub configuration/],
    ['.gitlab-ci.yml', 'stages: [test]\ntest:\n  script: make\n', /^a GitLab CI configuration/],
    ['docker-compose.yml', 'services:\n  web:\n    image: nginx:1.27\n', /^a Docker Compose file/],
    ['deploy/compose.prod.yaml', 'version: "3"\nname: shop\n', /^a Docker Compose file/],
    ['charts/values-prod.yaml', 'replicaCount: 3\nimage:\n  tag: "1.2"\n', /^Helm values/],
    ['.golangci.yml', 'linters:\n  enable: [govet]\n', /^a configuration file/],
    ['package.json', '{"name": "shop", "version": "1.0.0"}', /^a configuration file/],
    ['playbook.yml', '- hosts: all\n  tasks: []\n', /^a YAML list/],
    ['notes.yaml', 'just words\n', /^a plain value/],
    // Grafana provisioning numbers its apiVersion; no Kubernetes object does.
    [
      'otel/grafana-datasources.yaml',
      'apiVersion: 1\ndatasources:\n  - name: Tempo\n',
      /^a configuration file/,
    ],
    // Several documents, none a Kubernetes object.
    ['mkdocs.yml', 'site_name: docs\n---\nnav: []\n', /^a configuration file/],
    // Kubernetes' own components' configuration files: an apiVersion and kind, but nothing the API server serves.
    [
      'clusters/dev/kubeconfig.yaml',
      'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n',
      /^a kubeconfig file \(v1 Config\): read by a Kubernetes component or client, not an object the API server serves/,
    ],
    [
      'scheduler-policy/policy.json',
      '{"kind": "Policy", "apiVersion": "v1", "predicates": []}',
      /^a kube-scheduler policy file \(v1 Policy\)/,
    ],
    [
      'audit/policy.yaml',
      'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n',
      /^a configuration file \(audit.k8s.io\/v1 Policy\)/,
    ],
    [
      'kubeadm.yaml',
      'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n---\napiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n',
      /^a configuration file \(kubeadm.k8s.io\/v1beta4 ClusterConfiguration\)/,
    ],
    [
      'scheduler.yaml',
      'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles: []\n',
      /^a configuration file/,
    ],
    // Broken YAML that names no apiVersion, kind or metadata: not a manifest either.
    ['ansible/vars.yml', 'hosts: {{ groups.all }}\n  bad: [\n', /^not valid YAML, and nothing in it sets/],
  ];
  for (const [file, text, reason] of skipped) {
    it(`skips ${file}`, () => {
      const parsed = walked(file, text);
      assert.match(parsed.notKubernetes ?? '', reason);
      assert.deepEqual(parsed.objects, []);
      assert.deepEqual(parsed.problems, []);
    });
  }

  const reviewed: [string, string, RegExp | undefined][] = [
    // A manifest with an error is the user's broken manifest: an input error, exit 2.
    ['deploy/app.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tabs\n', /tab/i],
    ['deploy/no-kind.yaml', 'metadata:\n  name: web\nspec: {}\n', /missing "apiVersion" and "kind"/],
    ['deploy/half.yaml', 'kind: Deployment\nmetadata:\n  name: web\n', /missing "apiVersion"/],
    ['deploy/apiversion-only.yaml', 'apiVersion: apps/v1\nspec: {}\n', /missing "kind"/],
    // Broken YAML that mentions a kind (here inside a List) is a broken manifest, even if no document parsed.
    ['deploy/list.yaml', 'items:\n  - kind: Pod\n    bad: [\n', /YAML/],
    // One good object and one non-object document: the file is a manifest, the stray document an error.
    [
      'deploy/mixed.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nservices: {}\n',
      /Docker Compose/,
    ],
    // A Compose file that does set kind is not skipped (it claims to be an object).
    ['deploy/odd.yaml', 'kind: Thing\nservices: {}\n', /missing "apiVersion"/],
    ['deploy/ok.json', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j"}}', undefined],
    ['empty.yaml', '---\n# nothing\n', undefined],
    // A component's configuration beside an object: the file is a manifest.
    [
      'deploy/with-config.yaml',
      'apiVersion: v1\nkind: Config\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
      undefined,
    ],
    // Kustomize's own files are not component configuration, nor is a custom group that merely ends alike.
    [
      'deploy/kustomization.yaml',
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n',
      undefined,
    ],
    ['deploy/cr.yaml', 'apiVersion: example.com/v1\nkind: Config\nmetadata:\n  name: c\n', undefined],
  ];
  for (const [file, text, problem] of reviewed) {
    it(`does not skip ${file}`, () => {
      const parsed = walked(file, text);
      assert.equal(parsed.notKubernetes, undefined);
      if (problem) assert.match(parsed.problems.map((p) => p.message).join('\n'), problem);
      else assert.deepEqual(parsed.problems, []);
    });
  }

  it('without the option (a file named on the command line) nothing is skipped: it is an input error', () => {
    const parsed = parseManifestText('services:\n  web: {}\n', 'docker-compose.yml');
    assert.equal(parsed.notKubernetes, undefined);
    assert.match(parsed.problems[0]?.message ?? '', /Docker Compose/);
  });
});
