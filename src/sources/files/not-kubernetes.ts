// Which YAML/JSON files met while walking a directory are clearly not Kubernetes manifests: CI workflows, Compose
// files, tool configurations, Helm values. Those are skipped with a reason instead of being input errors, so
// `review .` on an application repository exits by its findings alone. A file that is meant to be a manifest —
// any document naming an apiVersion, a kind or metadata, or broken YAML that mentions apiVersion/kind — stays an
// input error (docs/decisions/0039).
import { basename } from 'node:path';

/** The value of one parsed document (documents that failed to parse are not among them). */
export interface DocumentShape {
  value: unknown;
}

/** A line that sets apiVersion, kind or metadata, at any depth, in YAML or JSON spelling. */
const NAMES_API_VERSION_OR_KIND = /^[ \t-]*["']?(?:apiVersion|kind|metadata)["']?[ \t]*:/m;
const JSON_API_VERSION_OR_KIND = /["'](?:apiVersion|kind|metadata)["'][ \t]*:/;
/** Keys that only a Kubernetes object (or a fragment of one) has at its top level. */
const KUBERNETES_KEYS = ['apiVersion', 'kind', 'metadata'];

/**
 * Why a walked file is not a Kubernetes manifest, or undefined when it is (or may be) one. `readable` is false when
 * some document failed to parse: then the text decides — a broken file that mentions apiVersion or kind is a
 * broken manifest, not something to skip.
 */
export function notKubernetesReason(
  file: string,
  text: string,
  documents: readonly DocumentShape[],
  readable: boolean,
): string | undefined {
  const values = documents.map((d) => d.value).filter((v) => v !== null && v !== undefined);
  const config = values.length > 0 && readable ? values.map(componentConfiguration) : [];
  if (config.length > 0 && config.every((c) => c !== undefined))
    return `${config[0]}: read by a Kubernetes component or client, not an object the API server serves`;
  if (values.some(meantAsKubernetes)) return undefined;
  if (!readable) {
    if (NAMES_API_VERSION_OR_KIND.test(text) || JSON_API_VERSION_OR_KIND.test(text)) return undefined;
    return 'not valid YAML, and nothing in it sets an apiVersion or kind: not a Kubernetes manifest';
  }
  if (values.length === 0) return undefined; // empty or comments only: nothing to skip, nothing to report
  return `${whatItIs(file, values[0])}: no apiVersion or kind, not a Kubernetes manifest`;
}

/**
 * Configuration files of Kubernetes' own components and clients: they name an apiVersion and kind, but a binary
 * reads them and no API server serves the kind. Kustomize's files (kustomize.config.k8s.io) are rendered, not
 * skipped.
 */
const CONFIG_GROUP =
  /^(?:(?!kustomize\.)[\w-]+\.)+config\.k8s\.io$|^(?:audit|kubeadm|apiserver|client\.authentication)\.k8s\.io$/;
const CORE_CONFIG_KINDS: Record<string, string> = {
  Config: 'a kubeconfig file',
  // kube-scheduler's --policy-config-file, removed in 1.23
  Policy: 'a kube-scheduler policy file',
};

/** "a kubeconfig file (v1 Config)", or undefined when the document is not a component's configuration. */
function componentConfiguration(value: unknown): string | undefined {
  if (!isRecord(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string')
    return undefined;
  const { apiVersion, kind } = value;
  const named = `${apiVersion} ${kind}`;
  if (apiVersion === 'v1' && Object.hasOwn(CORE_CONFIG_KINDS, kind))
    return `${CORE_CONFIG_KINDS[kind]} (${named})`;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return CONFIG_GROUP.test(group) ? `a configuration file (${named})` : undefined;
}

/**
 * A Kubernetes object's apiVersion is a string (`v1`, `apps/v1`); tools that borrowed the key number theirs
 * (Grafana provisioning's `apiVersion: 1`), so a number alone does not make a manifest.
 */
function meantAsKubernetes(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return KUBERNETES_KEYS.some(
    (key) => Object.hasOwn(value, key) && (key !== 'apiVersion' || typeof value.apiVersion !== 'number'),
  );
}

/** A name for what the file is, from its path and its first document's keys. */
function whatItIs(file: string, first: unknown): string {
  const name = basename(file).toLowerCase();
  const path = file.replaceAll('\\', '/');
  const keys = isRecord(first) ? first : {};
  if (/(?:^|\/)\.github\/workflows\//.test(path) || ('jobs' in keys && ('on' in keys || 'true' in keys)))
    return 'a GitHub Actions workflow';
  if (/(?:^|\/)\.github\//.test(path)) return 'GitHub configuration';
  if (name === '.gitlab-ci.yml' || name === '.gitlab-ci.yaml') return 'a GitLab CI configuration';
  if (/^(?:docker-)?compose[\w.-]*\.ya?ml$/.test(name) || ('services' in keys && !('kind' in keys)))
    return 'a Docker Compose file';
  if (/^values[\w.-]*\.ya?ml$/.test(name)) return 'Helm values';
  if (name === 'chart.lock' || name === 'requirements.yaml') return 'Helm dependencies';
  if (!isRecord(first)) return Array.isArray(first) ? 'a YAML list' : 'a plain value';
  return 'a configuration file';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
