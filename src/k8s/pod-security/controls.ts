// The Pod Security Standards controls, version by version, with the semantics of the Kubernetes
// pod-security-admission library (k8s.io/pod-security-admission/policy, check_*.go).
// https://kubernetes.io/docs/concepts/security/pod-security-standards/
//
// Every control reads a pod (metadata + spec) and either allows it or returns the upstream reason, an
// upstream-style detail, and one violation per offending field (with its path) so findings can point at
// the exact line. A field of the wrong type counts as absent; nothing here throws on odd input.
import type { Fix, PodSecurityLevel } from '../../core/check.ts';
import type { Path } from '../../core/path.ts';
import { joinQuote, list, pluralize, type Rec, rec, sortedUnique, str } from './shape.ts';

/** Dropping ALL is not known to be harmless here: a process running as root may need a default capability. */
const DROP_ALL_RISK = {
  safety: 'suggested',
  risk: 'a process running as root may need a default capability (CHOWN, SETUID, NET_BIND_SERVICE, …)',
} as const;

export type PsaControlId =
  | 'hostNamespaces'
  | 'privileged'
  | 'capabilities_baseline'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'appArmorProfile'
  | 'seLinuxOptions'
  | 'procMount'
  | 'seccompProfile_baseline'
  | 'sysctls'
  | 'windowsHostProcess'
  | 'hostProbesAndHostLifecycle'
  | 'restrictedVolumes'
  | 'allowPrivilegeEscalation'
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'seccompProfile_restricted'
  | 'capabilities_restricted'
  | 'procMount_restricted';

export interface ContainerView {
  /** The container's name ("" when missing, as a decoder would leave it). */
  name: string;
  container: Rec;
  /** Path of the container inside the pod spec, e.g. ['initContainers', 0]. */
  path: Path;
  securityContext: Rec | undefined;
}

/** A pod as a control sees it: its metadata, its spec, and its containers in upstream visiting order. */
export interface PodView {
  metadata: Rec;
  spec: Rec;
  securityContext: Rec | undefined;
  /** initContainers, then containers, then ephemeralContainers (the library's visitContainers order). */
  containers: ContainerView[];
}

export function podView(metadata: unknown, spec: Rec): PodView {
  const containers: ContainerView[] = [];
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers']) {
    list(spec[kind]).forEach((value, i) => {
      const container = rec(value);
      if (!container) return;
      containers.push({
        name: str(container.name) ?? '',
        container,
        path: [kind, i],
        securityContext: rec(container.securityContext),
      });
    });
  }
  return { metadata: rec(metadata) ?? {}, spec, securityContext: rec(spec.securityContext), containers };
}

export interface Violation {
  /** Whether `path` starts at the pod spec or at the pod metadata. */
  in: 'spec' | 'metadata';
  path: Path;
  /** This field's part of the reason, e.g. `container "app" must not set securityContext.privileged=true`. */
  detail: string;
  /** Edits relative to the same root as `path`; offered only when always safe. */
  fix?: Fix;
}

export interface ControlResult {
  /** The library's ForbiddenReason, e.g. "host namespaces". */
  reason: string;
  /** The library's ForbiddenDetail (same wording, for comparisons with a real admission controller). */
  detail: string;
  violations: Violation[];
}

export type ControlFn = (pod: PodView) => ControlResult | undefined;

export interface VersionedControl {
  /** First policy minor version (1.NN) this implementation applies to. */
  since: number;
  evaluate: ControlFn;
  /** Baseline controls this restricted control replaces at the restricted level. */
  overrides?: readonly PsaControlId[];
}

export interface Control {
  id: PsaControlId;
  level: PodSecurityLevel;
  /** The shipshape check id that reports this control. */
  checkId: string;
  versions: readonly VersionedControl[];
}

const DOCS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
export const PSS_DOCS = DOCS;

// ---------------------------------------------------------------------------------------------------------
// helpers

function containerLabel(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

function one(name: string): string {
  return containerLabel([name]);
}

function isWindows(pod: PodView): boolean {
  return rec(pod.spec.os)?.name === 'windows';
}

/** hostUsers: false puts the pod in a user namespace; some controls are relaxed for it from v1.35. */
function inUserNamespace(pod: PodView): boolean {
  return pod.spec.hostUsers === false;
}

function result(reason: string, detail: string, violations: Violation[]): ControlResult | undefined {
  return violations.length === 0 ? undefined : { reason, detail, violations };
}

/** True when `holder[key]` may be created or replaced by a `set` edit without destroying data. */
function settable(holder: Rec | undefined, key: string): boolean {
  const value = holder?.[key];
  return value === undefined || value === null || rec(value) !== undefined;
}

// ---------------------------------------------------------------------------------------------------------
// baseline

function hostNamespaces(pod: PodView): ControlResult | undefined {
  const violations: Violation[] = [];
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (pod.spec[field] === true) violations.push({ in: 'spec', path: [field], detail: `${field}=true` });
  }
  return result('host namespaces', violations.map((v) => v.detail).join(', '), violations);
}

function privileged(pod: PodView): ControlResult | undefined {
  const violations: Violation[] = [];
  for (const c of pod.containers) {
    if (c.securityContext?.privileged === true) {
      violations.push({
        in: 'spec',
        path: [...c.path, 'securityContext', 'privileged'],
        detail: `${one(c.name)} must not set securityContext.privileged=true`,
      });
    }
  }
  const names = pod.containers.filter((c) => c.securityContext?.privileged === true).map((c) => c.name);
  return result(
    'privileged',
    `${containerLabel(names)} must not set securityContext.privileged=true`,
    violations,
  );
}

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

function capabilitiesBaseline(pod: PodView): ControlResult | undefined {
  const violations: Violation[] = [];
  const names: string[] = [];
  const caps: string[] = [];
  for (const c of pod.containers) {
    const capabilities = rec(c.securityContext?.capabilities);
    if (!capabilities) continue;
    let bad = false;
    list(capabilities.add).forEach((value, j) => {
      const cap = str(value);
      if (cap === undefined || BASELINE_CAPABILITIES.has(cap)) return;
      bad = true;
      caps.push(cap);
      violations.push({
        in: 'spec',
        path: [...c.path, 'securityContext', 'capabilities', 'add', j],
        detail: `${one(c.name)} must not include ${joinQuote([cap])} in securityContext.capabilities.add`,
      });
    });
    if (bad) names.push(c.name);
  }
  return result(
    'non-default capabilities',
    `${containerLabel(names)} must not include ${joinQuote(sortedUnique(caps))} in securityContext.capabilities.add`,
    violations,
  );
}

function hostPathVolumes(pod: PodView): ControlResult | undefined {
  const violations: Violation[] = [];
  const names: string[] = [];
  list(pod.spec.volumes).forEach((value, i) => {
    const volume = rec(value);
    if (!volume || !rec(volume.hostPath)) return;
    const name = str(volume.name) ?? '';
    names.push(name);
    violations.push({ in: 'spec', path: ['volumes', i, 'hostPath'], detail: `volume ${joinQuote([name])}` });
  });
  return result(
    'hostPath volumes',
    `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`,
    violations,
  );
}

function hostPorts(pod: PodView): ControlResult | undefined {
  const violations: Violation[] = [];
  const names: string[] = [];
  const ports: string[] = [];
  for (const c of pod.containers) {
    let bad = false;
    list(c.container.ports).forEach((value, j) => {
      const hostPort = rec(value)?.hostPort;
      if (typeof hostPort !== 'number' || hostPort === 0) return;
      bad = true;
      ports.push(String(hostPort));
      violations.push({
        in: 'spec',
        path: [...c.path, 'ports', j, 'hostPort'],
        detail: `${one(c.name)} uses hostPort ${hostPort}`,
      });
    });
    if (bad) names.push(c.name);
  }
  const unique = sortedUnique(ports);
  return result(
    'hostPort',
    `${containerLabel(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('hostPort', 'hostPorts', unique.length)} ${unique.join(', ')}`,
    violations,
  );
}

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function appArmorAnnotationAllowed(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

function appArmorTypeAllowed(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function appArmorProfile(pod: PodView): ControlResult | undefined {
  const violations: Violation[] = [];
  const setters: string[] = [];
  const badTypes: string[] = [];
  const podProfile = rec(pod.securityContext?.appArmorProfile);
  if (podProfile) {
    const type = str(podProfile.type) ?? '';
    if (!appArmorTypeAllowed(type)) {
      setters.push('pod');
      badTypes.push(type);
      violations.push({
        in: 'spec',
        path: ['securityContext', 'appArmorProfile', 'type'],
        detail: `pod must not set AppArmor profile type to ${joinQuote([type])}`,
      });
    }
  }
  const names: string[] = [];
  for (const c of pod.containers) {
    const profile = rec(c.securityContext?.appArmorProfile);
    if (!profile) continue;
    const type = str(profile.type) ?? '';
    if (appArmorTypeAllowed(type)) continue;
    names.push(c.name);
    badTypes.push(type);
    violations.push({
      in: 'spec',
      path: [...c.path, 'securityContext', 'appArmorProfile', 'type'],
      detail: `${one(c.name)} must not set AppArmor profile type to ${joinQuote([type])}`,
    });
  }
  if (names.length > 0) setters.push(containerLabel(names));
  const annotations: string[] = [];
  for (const [key, value] of Object.entries(rec(pod.metadata.annotations) ?? {})) {
    if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX) || typeof value !== 'string') continue;
    if (appArmorAnnotationAllowed(value)) continue;
    const text = `${key}=${JSON.stringify(value)}`;
    annotations.push(text);
    violations.push({ in: 'metadata', path: ['annotations', key], detail: `forbidden annotation ${text}` });
  }
  const values = [...sortedUnique(badTypes), ...annotations.sort()];
  if (annotations.length > 0) setters.push(pluralize('annotation', 'annotations', annotations.length));
  return result(
    pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
    violations,
  );
}

const SELINUX_TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const SELINUX_TYPES_1_31 = new Set([...SELINUX_TYPES_1_0, 'container_engine_t']);

function seLinuxOptions(allowedTypes: ReadonlySet<string>): ControlFn {
  return (pod) => {
    const violations: Violation[] = [];
    const setters: string[] = [];
    const names: string[] = [];
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const inspect = (options: Rec, base: Path, setter: string): boolean => {
      let valid = true;
      const type = str(options.type) ?? '';
      if (!allowedTypes.has(type)) {
        valid = false;
        badTypes.push(type);
        violations.push({
          in: 'spec',
          path: [...base, 'type'],
          detail: `${setter} set forbidden securityContext.seLinuxOptions: type ${joinQuote([type])}`,
        });
      }
      for (const field of ['user', 'role'] as const) {
        const value = str(options[field]);
        if (value === undefined || value === '') continue;
        valid = false;
        if (field === 'user') setUser = true;
        else setRole = true;
        violations.push({
          in: 'spec',
          path: [...base, field],
          detail: `${setter} set forbidden securityContext.seLinuxOptions: ${field} may not be set`,
        });
      }
      return valid;
    };
    const podOptions = rec(pod.securityContext?.seLinuxOptions);
    if (podOptions && !inspect(podOptions, ['securityContext', 'seLinuxOptions'], 'pod')) setters.push('pod');
    for (const c of pod.containers) {
      const options = rec(c.securityContext?.seLinuxOptions);
      if (options && !inspect(options, [...c.path, 'securityContext', 'seLinuxOptions'], one(c.name)))
        names.push(c.name);
    }
    if (names.length > 0) setters.push(containerLabel(names));
    const data: string[] = [];
    const types = sortedUnique(badTypes);
    if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return result(
      'seLinuxOptions',
      `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
      violations,
    );
  };
}

function procMount(relaxForUserNamespace: boolean): ControlFn {
  return (pod) => {
    if (relaxForUserNamespace && inUserNamespace(pod)) return undefined;
    const violations: Violation[] = [];
    const names: string[] = [];
    const types: string[] = [];
    for (const c of pod.containers) {
      const value = str(c.securityContext?.procMount);
      if (value === undefined || value === 'Default') continue;
      names.push(c.name);
      types.push(value);
      violations.push({
        in: 'spec',
        path: [...c.path, 'securityContext', 'procMount'],
        detail: `${one(c.name)} must not set securityContext.procMount to ${joinQuote([value])}`,
      });
    }
    return result(
      'procMount',
      `${containerLabel(names)} must not set securityContext.procMount to ${joinQuote(sortedUnique(types))}`,
      violations,
    );
  };
}

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function seccompAnnotationAllowed(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

function seccompTypeAllowed(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** v1.0-v1.18: the alpha seccomp annotations (the fields did not exist yet). */
function seccompProfileBaselineAnnotations(pod: PodView): ControlResult | undefined {
  const annotations = rec(pod.metadata.annotations) ?? {};
  const violations: Violation[] = [];
  const forbidden: string[] = [];
  const inspect = (key: string) => {
    if (!Object.hasOwn(annotations, key)) return;
    const value = annotations[key];
    if (typeof value !== 'string' || seccompAnnotationAllowed(value)) return;
    const text = `${key}=${JSON.stringify(value)}`;
    if (forbidden.includes(text)) return;
    forbidden.push(text);
    violations.push({ in: 'metadata', path: ['annotations', key], detail: `forbidden annotation ${text}` });
  };
  inspect(SECCOMP_POD_ANNOTATION);
  for (const c of pod.containers) inspect(SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name);
  const sorted = [...forbidden].sort();
  return result(
    'seccompProfile',
    `forbidden ${pluralize('annotation', 'annotations', sorted.length)} ${sorted.join(', ')}`,
    violations,
  );
}

/** Explicitly set seccomp profiles of a pod: pod level and per container. */
function explicitSeccomp(pod: PodView): {
  violations: Violation[];
  setters: string[];
  badTypes: string[];
  podValid: boolean;
  podSet: boolean;
  unsetContainers: string[];
} {
  const violations: Violation[] = [];
  const setters: string[] = [];
  const badTypes: string[] = [];
  let podValid = false;
  const podProfile = rec(pod.securityContext?.seccompProfile);
  if (podProfile) {
    const type = str(podProfile.type) ?? '';
    if (seccompTypeAllowed(type)) podValid = true;
    else {
      setters.push('pod');
      badTypes.push(type);
      violations.push({
        in: 'spec',
        path: ['securityContext', 'seccompProfile', 'type'],
        detail: `pod must not set securityContext.seccompProfile.type to ${joinQuote([type])}`,
      });
    }
  }
  const names: string[] = [];
  const unsetContainers: string[] = [];
  for (const c of pod.containers) {
    const profile = rec(c.securityContext?.seccompProfile);
    if (!profile) {
      unsetContainers.push(c.name);
      continue;
    }
    const type = str(profile.type) ?? '';
    if (seccompTypeAllowed(type)) continue;
    names.push(c.name);
    badTypes.push(type);
    violations.push({
      in: 'spec',
      path: [...c.path, 'securityContext', 'seccompProfile', 'type'],
      detail: `${one(c.name)} must not set securityContext.seccompProfile.type to ${joinQuote([type])}`,
    });
  }
  if (names.length > 0) setters.push(containerLabel(names));
  return { violations, setters, badTypes, podValid, podSet: podProfile !== undefined, unsetContainers };
}

/** v1.19+: the seccompProfile fields; unset is fine at baseline. */
function seccompProfileBaselineFields(pod: PodView): ControlResult | undefined {
  const { violations, setters, badTypes } = explicitSeccomp(pod);
  return result(
    'seccompProfile',
    `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(badTypes))}`,
    violations,
  );
}

const SYSCTLS_1_0 = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
]);
const SYSCTLS_1_27 = new Set([...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports']);
const SYSCTLS_1_29 = new Set([
  ...SYSCTLS_1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SYSCTLS_1_32 = new Set([...SYSCTLS_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']);
const SYSCTLS_1_37 = new Set([
  ...SYSCTLS_1_32,
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

function sysctls(allowed: ReadonlySet<string>): ControlFn {
  return (pod) => {
    const violations: Violation[] = [];
    list(pod.securityContext?.sysctls).forEach((value, i) => {
      const sysctl = rec(value);
      if (!sysctl) return;
      const name = sysctl.name === undefined || sysctl.name === null ? '' : str(sysctl.name);
      if (name === undefined || allowed.has(name)) return;
      violations.push({ in: 'spec', path: ['securityContext', 'sysctls', i, 'name'], detail: name });
    });
    return result('forbidden sysctls', violations.map((v) => v.detail).join(', '), violations);
  };
}

function windowsHostProcess(pod: PodView): ControlResult | undefined {
  const violations: Violation[] = [];
  const setters: string[] = [];
  const hostProcess = (sc: Rec | undefined) => rec(sc?.windowsOptions)?.hostProcess === true;
  if (hostProcess(pod.securityContext)) {
    setters.push('pod');
    violations.push({
      in: 'spec',
      path: ['securityContext', 'windowsOptions', 'hostProcess'],
      detail: 'pod must not set securityContext.windowsOptions.hostProcess=true',
    });
  }
  const names: string[] = [];
  for (const c of pod.containers) {
    if (!hostProcess(c.securityContext)) continue;
    names.push(c.name);
    violations.push({
      in: 'spec',
      path: [...c.path, 'securityContext', 'windowsOptions', 'hostProcess'],
      detail: `${one(c.name)} must not set securityContext.windowsOptions.hostProcess=true`,
    });
  }
  if (names.length > 0) setters.push(containerLabel(names));
  return result(
    'hostProcess',
    `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
    violations,
  );
}

function hostProbesAndHostLifecycle(pod: PodView): ControlResult | undefined {
  const violations: Violation[] = [];
  const names = new Set<string>();
  const hosts = new Set<string>();
  for (const c of pod.containers) {
    const handlers: [Path, unknown][] = [
      [['livenessProbe'], c.container.livenessProbe],
      [['readinessProbe'], c.container.readinessProbe],
      [['startupProbe'], c.container.startupProbe],
      [['lifecycle', 'postStart'], rec(c.container.lifecycle)?.postStart],
      [['lifecycle', 'preStop'], rec(c.container.lifecycle)?.preStop],
    ];
    for (const [at, value] of handlers) {
      const handler = rec(value);
      if (!handler) continue;
      for (const action of ['httpGet', 'tcpSocket']) {
        const host = str(rec(handler[action])?.host);
        if (host === undefined || host === '') continue;
        names.add(c.name);
        hosts.add(host);
        violations.push({
          in: 'spec',
          path: [...c.path, ...at, action, 'host'],
          detail: `${one(c.name)} uses probe or lifecycle host ${joinQuote([host])}`,
        });
      }
    }
  }
  const containerNames = sortedUnique(names);
  const hostList = sortedUnique(hosts);
  return result(
    'probe or lifecycle host',
    `${containerLabel(containerNames)} ${pluralize('uses', 'use', containerNames.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hostList.length)} ${joinQuote(hostList)}`,
    violations,
  );
}

// ---------------------------------------------------------------------------------------------------------
// restricted

/** Inline volume sources the restricted policy allows. */
const ALLOWED_VOLUME_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];
/** Every other inline volume source of core/v1 VolumeSource, in the library's order. */
export const RESTRICTED_VOLUME_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

function restrictedVolumes(pod: PodView): ControlResult | undefined {
  const violations: Violation[] = [];
  const names: string[] = [];
  const types: string[] = [];
  list(pod.spec.volumes).forEach((value, i) => {
    const volume = rec(value);
    if (!volume) return;
    if (ALLOWED_VOLUME_SOURCES.some((key) => rec(volume[key]))) return;
    // A volume with no source at all is defaulted to emptyDir by the API server before admission.
    const type = RESTRICTED_VOLUME_SOURCES.find((key) => rec(volume[key]));
    if (!type) return;
    const name = str(volume.name) ?? '';
    names.push(name);
    types.push(type);
    violations.push({
      in: 'spec',
      path: ['volumes', i, type],
      detail: `volume ${joinQuote([name])} uses restricted volume type ${joinQuote([type])}`,
    });
  });
  const unique = sortedUnique(types);
  return result(
    'restricted volume types',
    `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', unique.length)} ${joinQuote(unique)}`,
    violations,
  );
}

function allowPrivilegeEscalation(windowsExempt: boolean): ControlFn {
  return (pod) => {
    if (windowsExempt && isWindows(pod)) return undefined;
    const violations: Violation[] = [];
    const names: string[] = [];
    for (const c of pod.containers) {
      const sc = c.securityContext;
      if (sc?.allowPrivilegeEscalation === false) continue;
      names.push(c.name);
      const violation: Violation = {
        in: 'spec',
        path: [...c.path, 'securityContext', 'allowPrivilegeEscalation'],
        detail: `${one(c.name)} must set securityContext.allowPrivilegeEscalation=false`,
      };
      // API validation rejects allowPrivilegeEscalation=false together with privileged or CAP_SYS_ADMIN,
      // and on Windows pods: the fix is offered only where the edited pod stays valid.
      const adds = list(rec(sc?.capabilities)?.add);
      const safe =
        settable(c.container, 'securityContext') &&
        (sc?.allowPrivilegeEscalation === undefined || sc.allowPrivilegeEscalation === null) &&
        sc?.privileged !== true &&
        !adds.includes('SYS_ADMIN') &&
        !adds.includes('CAP_SYS_ADMIN') &&
        !isWindows(pod);
      if (safe) {
        violation.fix = {
          description: `set allowPrivilegeEscalation: false on container "${c.name}"`,
          edits: [{ op: 'set', path: violation.path, value: false }],
          safety: 'safe',
        };
      }
      violations.push(violation);
    }
    return result(
      'allowPrivilegeEscalation != false',
      `${containerLabel(names)} must set securityContext.allowPrivilegeEscalation=false`,
      violations,
    );
  };
}

function runAsNonRoot(relaxForUserNamespace: boolean): ControlFn {
  return (pod) => {
    if (relaxForUserNamespace && inUserNamespace(pod)) return undefined;
    const violations: Violation[] = [];
    const setters: string[] = [];
    const podValue = pod.securityContext?.runAsNonRoot;
    if (podValue === false) {
      setters.push('pod');
      violations.push({
        in: 'spec',
        path: ['securityContext', 'runAsNonRoot'],
        detail: 'pod must not set securityContext.runAsNonRoot=false',
      });
    }
    const explicit: string[] = [];
    const implicit: string[] = [];
    for (const c of pod.containers) {
      const value = c.securityContext?.runAsNonRoot;
      if (value === false) {
        explicit.push(c.name);
        violations.push({
          in: 'spec',
          path: [...c.path, 'securityContext', 'runAsNonRoot'],
          detail: `${one(c.name)} must not set securityContext.runAsNonRoot=false`,
        });
      } else if (value !== true && podValue !== true) {
        implicit.push(c.name);
      }
    }
    if (explicit.length > 0) setters.push(containerLabel(explicit));
    const implicitDetail = `pod or ${containerLabel(implicit)} must set securityContext.runAsNonRoot=true`;
    // With runAsNonRoot=false at pod level, the pod-level violation covers the containers that inherit it.
    if (implicit.length > 0 && podValue !== false) {
      const violation: Violation = {
        in: 'spec',
        path: ['securityContext', 'runAsNonRoot'],
        detail: implicitDetail,
      };
      if (settable(pod.spec, 'securityContext') && (podValue === undefined || podValue === null)) {
        violation.fix = {
          description: 'set runAsNonRoot: true in the pod securityContext',
          edits: [{ op: 'set', path: violation.path, value: true }],
          safety: 'suggested',
          risk: 'without a non-root runAsUser, the kubelet refuses to start an image whose USER is root',
        };
      }
      violations.push(violation);
    }
    const detail =
      setters.length > 0
        ? `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`
        : implicitDetail;
    return result('runAsNonRoot != true', detail, violations);
  };
}

function runAsUser(relaxForUserNamespace: boolean): ControlFn {
  return (pod) => {
    if (relaxForUserNamespace && inUserNamespace(pod)) return undefined;
    const violations: Violation[] = [];
    const setters: string[] = [];
    if (pod.securityContext?.runAsUser === 0) {
      setters.push('pod');
      violations.push({
        in: 'spec',
        path: ['securityContext', 'runAsUser'],
        detail: 'pod must not set runAsUser=0',
      });
    }
    const names: string[] = [];
    for (const c of pod.containers) {
      if (c.securityContext?.runAsUser !== 0) continue;
      names.push(c.name);
      violations.push({
        in: 'spec',
        path: [...c.path, 'securityContext', 'runAsUser'],
        detail: `${one(c.name)} must not set runAsUser=0`,
      });
    }
    if (names.length > 0) setters.push(containerLabel(names));
    return result('runAsUser=0', `${setters.join(' and ')} must not set runAsUser=0`, violations);
  };
}

function seccompProfileRestricted(windowsExempt: boolean): ControlFn {
  return (pod) => {
    if (windowsExempt && isWindows(pod)) return undefined;
    const { violations, setters, badTypes, podValid, podSet, unsetContainers } = explicitSeccomp(pod);
    const implicit = podValid ? [] : unsetContainers;
    const implicitDetail = `pod or ${containerLabel(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`;
    // A forbidden pod-level profile is reported once at pod level; it also covers the containers inheriting it.
    if (implicit.length > 0 && !podSet) {
      const violation: Violation = {
        in: 'spec',
        path: ['securityContext', 'seccompProfile'],
        detail: implicitDetail,
      };
      if (
        settable(pod.spec, 'securityContext') &&
        settable(pod.securityContext, 'seccompProfile') &&
        !isWindows(pod)
      ) {
        violation.fix = {
          description: 'set seccompProfile type RuntimeDefault in the pod securityContext',
          edits: [{ op: 'set', path: violation.path, value: { type: 'RuntimeDefault' } }],
          safety: 'suggested',
          risk: 'the runtime profile blocks syscalls some programs use (unshare, ptrace, keyctl, …)',
        };
      }
      violations.push(violation);
    }
    const detail =
      setters.length > 0
        ? `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(badTypes))}`
        : implicitDetail;
    return result('seccompProfile', detail, violations);
  };
}

function capabilitiesRestricted(windowsExempt: boolean): ControlFn {
  return (pod) => {
    if (windowsExempt && isWindows(pod)) return undefined;
    const violations: Violation[] = [];
    const missingDrop: string[] = [];
    const adding: string[] = [];
    const forbidden: string[] = [];
    for (const c of pod.containers) {
      const sc = c.securityContext;
      const capabilities = rec(sc?.capabilities);
      const drop = capabilities?.drop;
      if (!list(drop).includes('ALL')) {
        missingDrop.push(c.name);
        const path = [...c.path, 'securityContext', 'capabilities', 'drop'];
        const violation: Violation = {
          in: 'spec',
          path,
          detail: `${one(c.name)} must set securityContext.capabilities.drop=["ALL"]`,
        };
        const fixable =
          !isWindows(pod) && settable(c.container, 'securityContext') && settable(sc, 'capabilities');
        if (fixable && (drop === undefined || drop === null)) {
          violation.fix = {
            description: `drop ALL capabilities in container "${c.name}"`,
            edits: [{ op: 'set', path, value: ['ALL'] }],
            ...DROP_ALL_RISK,
          };
        } else if (fixable && Array.isArray(drop)) {
          violation.fix = {
            description: `drop ALL capabilities in container "${c.name}"`,
            edits: [{ op: 'append', path, value: 'ALL' }],
            ...DROP_ALL_RISK,
          };
        }
        violations.push(violation);
      }
      if (!capabilities) continue;
      let bad = false;
      list(capabilities.add).forEach((value, j) => {
        const cap = str(value);
        if (cap === undefined || cap === 'NET_BIND_SERVICE') return;
        bad = true;
        forbidden.push(cap);
        violations.push({
          in: 'spec',
          path: [...c.path, 'securityContext', 'capabilities', 'add', j],
          detail: `${one(c.name)} must not include ${joinQuote([cap])} in securityContext.capabilities.add`,
        });
      });
      if (bad) adding.push(c.name);
    }
    const details: string[] = [];
    if (missingDrop.length > 0)
      details.push(`${containerLabel(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
    if (adding.length > 0)
      details.push(
        `${containerLabel(adding)} must not include ${joinQuote(sortedUnique(forbidden))} in securityContext.capabilities.add`,
      );
    return result('unrestricted capabilities', details.join('; '), violations);
  };
}

// ---------------------------------------------------------------------------------------------------------
// the registry: every control with its versioned implementations (minimum versions as upstream)

export const CONTROLS: readonly Control[] = [
  {
    id: 'hostNamespaces',
    level: 'baseline',
    checkId: 'pss-host-namespaces',
    versions: [{ since: 0, evaluate: hostNamespaces }],
  },
  {
    id: 'privileged',
    level: 'baseline',
    checkId: 'pss-privileged',
    versions: [{ since: 0, evaluate: privileged }],
  },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    checkId: 'pss-capabilities-baseline',
    versions: [{ since: 0, evaluate: capabilitiesBaseline }],
  },
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    checkId: 'pss-host-path-volumes',
    versions: [{ since: 0, evaluate: hostPathVolumes }],
  },
  {
    id: 'hostPorts',
    level: 'baseline',
    checkId: 'pss-host-ports',
    versions: [{ since: 0, evaluate: hostPorts }],
  },
  {
    id: 'appArmorProfile',
    level: 'baseline',
    checkId: 'pss-app-armor-profile',
    versions: [{ since: 0, evaluate: appArmorProfile }],
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    checkId: 'pss-se-linux-options',
    versions: [
      { since: 0, evaluate: seLinuxOptions(SELINUX_TYPES_1_0) },
      { since: 31, evaluate: seLinuxOptions(SELINUX_TYPES_1_31) },
    ],
  },
  {
    id: 'procMount',
    level: 'baseline',
    checkId: 'pss-proc-mount',
    versions: [
      { since: 0, evaluate: procMount(false) },
      { since: 35, evaluate: procMount(true) },
    ],
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    checkId: 'pss-seccomp-profile-baseline',
    versions: [
      { since: 0, evaluate: seccompProfileBaselineAnnotations },
      { since: 19, evaluate: seccompProfileBaselineFields },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    checkId: 'pss-sysctls',
    versions: [
      { since: 0, evaluate: sysctls(SYSCTLS_1_0) },
      { since: 27, evaluate: sysctls(SYSCTLS_1_27) },
      { since: 29, evaluate: sysctls(SYSCTLS_1_29) },
      { since: 32, evaluate: sysctls(SYSCTLS_1_32) },
      { since: 37, evaluate: sysctls(SYSCTLS_1_37) },
    ],
  },
  {
    id: 'windowsHostProcess',
    level: 'baseline',
    checkId: 'pss-windows-host-process',
    versions: [{ since: 0, evaluate: windowsHostProcess }],
  },
  {
    id: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    checkId: 'pss-host-probes-and-lifecycle',
    versions: [{ since: 34, evaluate: hostProbesAndHostLifecycle }],
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    checkId: 'pss-volume-types',
    versions: [{ since: 0, evaluate: restrictedVolumes, overrides: ['hostPathVolumes'] }],
  },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    checkId: 'pss-privilege-escalation',
    versions: [
      { since: 8, evaluate: allowPrivilegeEscalation(false) },
      { since: 25, evaluate: allowPrivilegeEscalation(true) },
    ],
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    checkId: 'pss-run-as-non-root',
    versions: [
      { since: 0, evaluate: runAsNonRoot(false) },
      { since: 35, evaluate: runAsNonRoot(true) },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    checkId: 'pss-run-as-user',
    versions: [
      { since: 23, evaluate: runAsUser(false) },
      { since: 35, evaluate: runAsUser(true) },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    checkId: 'pss-seccomp-profile-restricted',
    versions: [
      { since: 19, evaluate: seccompProfileRestricted(false), overrides: ['seccompProfile_baseline'] },
      { since: 25, evaluate: seccompProfileRestricted(true), overrides: ['seccompProfile_baseline'] },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    checkId: 'pss-capabilities-restricted',
    versions: [
      { since: 22, evaluate: capabilitiesRestricted(false), overrides: ['capabilities_baseline'] },
      { since: 25, evaluate: capabilitiesRestricted(true), overrides: ['capabilities_baseline'] },
    ],
  },
  {
    id: 'procMount_restricted',
    level: 'restricted',
    checkId: 'pss-proc-mount-restricted',
    versions: [{ since: 35, evaluate: procMount(false), overrides: ['procMount'] }],
  },
];

/** The newest policy version any control defines (versions above it evaluate as it). */
export const NEWEST_POLICY_MINOR = Math.max(...CONTROLS.flatMap((c) => c.versions.map((v) => v.since)));
