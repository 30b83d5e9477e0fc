import type { AnyCheck } from '../../core/check.ts';
import { pssAppArmorProfile } from './pss-app-armor-profile.ts';
import { pssCapabilitiesBaseline } from './pss-capabilities-baseline.ts';
import { pssCapabilitiesRestricted } from './pss-capabilities-restricted.ts';
import { pssHostNamespaces } from './pss-host-namespaces.ts';
import { pssHostPathVolumes } from './pss-host-path-volumes.ts';
import { pssHostPorts } from './pss-host-ports.ts';
import { pssHostProbesAndLifecycle } from './pss-host-probes-and-lifecycle.ts';
import { pssPrivilegeEscalation } from './pss-privilege-escalation.ts';
import { pssPrivileged } from './pss-privileged.ts';
import { pssProcMount } from './pss-proc-mount.ts';
import { pssProcMountRestricted } from './pss-proc-mount-restricted.ts';
import { pssRunAsNonRoot } from './pss-run-as-non-root.ts';
import { pssRunAsUser } from './pss-run-as-user.ts';
import { pssSeLinuxOptions } from './pss-se-linux-options.ts';
import { pssSeccompProfileBaseline } from './pss-seccomp-profile-baseline.ts';
import { pssSeccompProfileRestricted } from './pss-seccomp-profile-restricted.ts';
import { pssSysctls } from './pss-sysctls.ts';
import { pssVolumeTypes } from './pss-volume-types.ts';
import { pssWindowsHostProcess } from './pss-windows-host-process.ts';

/** One check per Pod Security Standards control; active with --pod-security-level (see docs/decisions/0004-pod-security.md). */
export const podSecurityChecks: AnyCheck[] = [
  pssHostNamespaces,
  pssPrivileged,
  pssCapabilitiesBaseline,
  pssHostPathVolumes,
  pssHostPorts,
  pssAppArmorProfile,
  pssSeLinuxOptions,
  pssProcMount,
  pssSeccompProfileBaseline,
  pssSysctls,
  pssWindowsHostProcess,
  pssHostProbesAndLifecycle,
  pssVolumeTypes,
  pssPrivilegeEscalation,
  pssRunAsNonRoot,
  pssRunAsUser,
  pssSeccompProfileRestricted,
  pssCapabilitiesRestricted,
  pssProcMountRestricted,
];
