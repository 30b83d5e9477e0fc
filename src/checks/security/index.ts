import type { AnyCheck } from '../../core/check.ts';
import { configmapSecretContent } from './configmap-secret-content.ts';
import { containerCapabilitiesDangerous } from './container-capabilities-dangerous.ts';
import { containerCapabilitiesNotDropped } from './container-capabilities-not-dropped.ts';
import { containerHardeningMissing } from './container-hardening-missing.ts';
import { containerHostPort } from './container-host-port.ts';
import { containerHostProcess } from './container-host-process.ts';
import { containerPrivilegeEscalationAllowed } from './container-privilege-escalation-allowed.ts';
import { containerPrivileged } from './container-privileged.ts';
import { containerPrivilegedPort } from './container-privileged-port.ts';
import { containerProcMountUnmasked } from './container-proc-mount-unmasked.ts';
import { containerRootFilesystemWritable } from './container-root-filesystem-writable.ts';
import { containerRunsAsRoot } from './container-runs-as-root.ts';
import { containerSeccompProfileMissing } from './container-seccomp-profile-missing.ts';
import { containerSshPort } from './container-ssh-port.ts';
import { envSecretFromEnvVar } from './env-secret-from-env-var.ts';
import { envSecretLiteral } from './env-secret-literal.ts';
import { imageRegistryNotAllowed } from './image-registry-not-allowed.ts';
import { podDefaultServiceAccount } from './pod-default-service-account.ts';
import { podHostIpc } from './pod-host-ipc.ts';
import { podHostNetwork } from './pod-host-network.ts';
import { podHostPid } from './pod-host-pid.ts';
import { podServiceAccountTokenAutomounted } from './pod-service-account-token-automounted.ts';
import { podSysctlsUnsafe } from './pod-sysctls-unsafe.ts';
import { sccPrivilegedAllowed } from './scc-privileged-allowed.ts';
import { volumeDockerSocket } from './volume-docker-socket.ts';
import { volumeHostPath } from './volume-host-path.ts';
import { volumeHostPathSensitive } from './volume-host-path-sensitive.ts';
import { volumeHostPathWritable } from './volume-host-path-writable.ts';

export const securityChecks: AnyCheck[] = [
  configmapSecretContent,
  containerCapabilitiesDangerous,
  containerCapabilitiesNotDropped,
  containerHardeningMissing,
  containerSeccompProfileMissing,
  containerHostPort,
  containerHostProcess,
  containerPrivilegeEscalationAllowed,
  containerPrivilegedPort,
  containerPrivileged,
  containerProcMountUnmasked,
  containerRootFilesystemWritable,
  containerRunsAsRoot,
  containerSshPort,
  envSecretFromEnvVar,
  envSecretLiteral,
  imageRegistryNotAllowed,
  podDefaultServiceAccount,
  podHostIpc,
  podHostNetwork,
  podHostPid,
  podServiceAccountTokenAutomounted,
  podSysctlsUnsafe,
  sccPrivilegedAllowed,
  volumeDockerSocket,
  volumeHostPathSensitive,
  volumeHostPathWritable,
  volumeHostPath,
];
