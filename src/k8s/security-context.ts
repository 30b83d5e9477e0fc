// Effective security settings of a container: which field wins between pod and container level.
// https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
// https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1
//
// Fields that exist on both PodSecurityContext and SecurityContext (the container's setting wins):
//   runAsUser, runAsGroup, runAsNonRoot, seLinuxOptions, seccompProfile, appArmorProfile, windowsOptions.
// Container-only fields (a pod-level key of that name is not part of the API and has no effect):
//   privileged, allowPrivilegeEscalation, readOnlyRootFilesystem, capabilities, procMount.
import type { KubeObject } from '../core/object.ts';
import type { Path } from '../core/path.ts';
import { type ContainerAt, containersOf, type PodSpec, podSpecOf } from './workloads.ts';

export type Dict = Record<string, unknown>;

export function asDict(value: unknown): Dict | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Dict) : undefined;
}

export function asStringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export const SHARED_FIELDS = [
  'runAsUser',
  'runAsGroup',
  'runAsNonRoot',
  'seLinuxOptions',
  'seccompProfile',
  'appArmorProfile',
  'windowsOptions',
] as const;
export type SharedField = (typeof SHARED_FIELDS)[number];

/** One container with its pod, the two security contexts and where each one lives. */
export interface SecuredContainer extends ContainerAt {
  name: string;
  pod: PodSpec;
  podPath: Path;
  podContext: Dict | undefined;
  context: Dict | undefined;
  /** Path to the container's securityContext (whether or not it exists). */
  contextPath: Path;
}

/** Every container (regular, init, ephemeral) with its security contexts. */
export function securedContainersOf(object: KubeObject): SecuredContainer[] {
  const pod = podSpecOf(object);
  if (!pod) return [];
  const podContext = asDict(pod.spec.securityContext);
  return containersOf(object).map((at) => ({
    ...at,
    name: typeof at.container.name === 'string' ? at.container.name : '',
    pod: pod.spec,
    podPath: pod.path,
    podContext,
    context: asDict(at.container.securityContext),
    contextPath: [...at.path, 'securityContext'],
  }));
}

/** The value Kubernetes uses for a field present at both levels, and the path it comes from. */
export function effective(
  c: SecuredContainer,
  field: SharedField,
): { value: unknown; path: Path } | undefined {
  if (c.context && c.context[field] !== undefined && c.context[field] !== null)
    return { value: c.context[field], path: [...c.contextPath, field] };
  if (c.podContext && c.podContext[field] !== undefined && c.podContext[field] !== null)
    return { value: c.podContext[field], path: [...c.podPath, 'securityContext', field] };
  return undefined;
}

/** Windows pods (spec.os.name: windows) cannot set Linux-only security fields; Linux checks do not apply. */
export function isWindowsPod(pod: PodSpec): boolean {
  return asDict(pod.os)?.name === 'windows';
}

export function isPrivileged(c: SecuredContainer): boolean {
  return c.context?.privileged === true;
}

/** Capability names as written, normalised the way container runtimes read them (upper case, no CAP_ prefix). */
export function normaliseCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export function capabilities(c: SecuredContainer): { add: string[]; drop: string[]; dropPath: Path } {
  const caps = asDict(c.context?.capabilities);
  return {
    add: asStringList(caps?.add),
    drop: asStringList(caps?.drop),
    dropPath: [...c.contextPath, 'capabilities', 'drop'],
  };
}

export function addsCapability(c: SecuredContainer, capability: string): boolean {
  return capabilities(c).add.some((a) => {
    const n = normaliseCapability(a);
    return n === capability || n === 'ALL';
  });
}

export function dropsAll(c: SecuredContainer): boolean {
  return capabilities(c).drop.some((d) => normaliseCapability(d) === 'ALL');
}

/** `container "web"` or `init container "setup"` / `ephemeral container "debug"` for messages. */
export function describeContainer(c: { kind: ContainerAt['kind']; name: string }): string {
  const prefix =
    c.kind === 'initContainers'
      ? 'init container'
      : c.kind === 'ephemeralContainers'
        ? 'ephemeral container'
        : 'container';
  return `${prefix} "${c.name}"`;
}

export interface HostPathVolume {
  name: string;
  /** The host path as written. */
  hostPath: string;
  /** Normalised: no trailing or doubled slashes, no "." segments. */
  normalised: string;
  /** Path to the volume's hostPath.path. */
  pathPath: Path;
  /** Containers mounting the volume, with the mount's readOnly and path to the mount. */
  mounts: { container: SecuredContainer; readOnly: boolean; mountPath: Path }[];
}

export function normaliseHostPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Every hostPath volume of a workload's pod, with the containers that mount it. */
export function hostPathVolumesOf(object: KubeObject): HostPathVolume[] {
  const pod = podSpecOf(object);
  if (!pod || !Array.isArray(pod.spec.volumes)) return [];
  const containers = securedContainersOf(object);
  const out: HostPathVolume[] = [];
  pod.spec.volumes.forEach((raw, i) => {
    const volume = asDict(raw);
    const hostPath = asDict(volume?.hostPath)?.path;
    if (!volume || typeof hostPath !== 'string') return;
    const name = typeof volume.name === 'string' ? volume.name : '';
    const mounts: HostPathVolume['mounts'] = [];
    for (const c of containers) {
      const list = c.container.volumeMounts;
      if (!Array.isArray(list)) continue;
      list.forEach((m, j) => {
        if (asDict(m)?.name === name)
          mounts.push({
            container: c,
            readOnly: m.readOnly === true,
            mountPath: [...c.path, 'volumeMounts', j],
          });
      });
    }
    out.push({
      name,
      hostPath,
      normalised: normaliseHostPath(hostPath),
      pathPath: [...pod.path, 'volumes', i, 'hostPath', 'path'],
      mounts,
    });
  });
  return out;
}

// Secret-looking names and values (env vars, ConfigMap keys).
// Names: words that mean a credential, and the cloud providers' well-known credential variables.
const SECRET_NAME =
  /password|passwd|passphrase|(^|[^a-z])pass($|[^a-z])|secret|token(?!iz)|bearer|api[_.-]?key|private[_.-]?key|access[_.-]?key|credential|client[_.-]?key|^aws_secret_access_key$|^google_application_credentials$|^azure_.+key$|^oci_cli_key_content$/;
// Names that carry information about a secret rather than the secret itself.
const NOT_A_SECRET_NAME =
  /[_.-](file|path|dir|url|uri|endpoint|host|name|ref|ttl|expiry|expiration|timeout|length|enabled|header|audience|issuer|type|id|lifetime|duration|policy|mode|format|namespace|version|size|location|min|max|interval|period|retention|rotation|template|prefix|suffix|schedule|days|hours|minutes|seconds|count|label|selector)$/;
/**
 * A PEM private key block of any type (RSA, EC, OPENSSH, ENCRYPTED, plain). Every repetition is bounded: the
 * unbounded form took minutes on a 16 KiB line of dashes and spaces (docs/decisions/0033-hostile-input.md).
 */
export const PRIVATE_KEY = /-{3,5}[ \t]?BEGIN(?:[ \t][A-Z0-9]{1,20}){0,3}[ \t]PRIVATE[ \t]KEY/i;
/** The line that ends such a block. */
export const PRIVATE_KEY_END = /-{3,5}[ \t]?END(?:[ \t][A-Z0-9]{1,20}){0,3}[ \t]PRIVATE[ \t]KEY/i;

export function isSecretName(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return SECRET_NAME.test(words) && !NOT_A_SECRET_NAME.test(words);
}

/** Values that are certainly not a credential: empty, references, paths, booleans, placeholders. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '' || v === '""' || v === "''") return true;
  if (/^(true|false|yes|no|on|off|null|none|-)$/i.test(v)) return true;
  if (/^\$\([A-Za-z_][A-Za-z0-9_.-]*\)$/.test(v) || /^\$\{[^}]*\}$/.test(v) || /^\{\{.*\}\}$/.test(v))
    return true;
  if (/^<[^>]*>$/.test(v)) return true;
  return /^(\/|\.\/|~\/|file:)/.test(v);
}

/** The ServiceAccount a pod runs as: serviceAccountName, the deprecated serviceAccount, else "default". */
export function serviceAccountNameOf(spec: {
  serviceAccountName?: unknown;
  serviceAccount?: unknown;
}): string {
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '')
    return spec.serviceAccountName;
  if (typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '') return spec.serviceAccount;
  return 'default';
}

// Credentials recognisable by their value alone, whatever the variable or key is called.
const KNOWN_TOKENS: [RegExp, string][] = [
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/, 'a GitHub token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}/, 'a GitLab token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\b[sr]k_live_[A-Za-z0-9]{20,}/, 'a Stripe live key'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\bsk-(proj-)?[A-Za-z0-9_-]{32,}/, 'an OpenAI-style API key'],
];
// scheme://user:password@host — the password part must be literal (not $(VAR), ${VAR} or {{ }}).
// The scheme starts where no scheme character precedes it: each run of letters is scanned once, not from every
// letter in it (quadratic on a long word).
const URL_CREDENTIALS = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:([^\s/@]+)@[^\s/]/i;

/** What kind of credential a value visibly holds, or undefined. */
export function credentialInValue(value: string): string | undefined {
  if (PRIVATE_KEY.test(value)) return 'a private key';
  for (const [pattern, what] of KNOWN_TOKENS) if (pattern.test(value)) return what;
  const url = URL_CREDENTIALS.exec(value);
  if (url && !/^(\$\(|\$\{|\{\{|%24|\*+$)/.test(url[1]!)) return 'a URL with an embedded password';
  return undefined;
}
