import type { AnyCheck } from '../../core/check.ts';
import { hpaTargetMissing } from './hpa-target-missing.ts';
import { ingressBackendServiceMissing } from './ingress-backend-service-missing.ts';
import { ingressClassMissing } from './ingress-class-missing.ts';
import { ingressTlsMissing } from './ingress-tls-missing.ts';
import { ingressTlsSecretMissing } from './ingress-tls-secret-missing.ts';
import { networkpolicyPeerSelectsNothing } from './networkpolicy-peer-selects-nothing.ts';
import { networkpolicySelectsNothing } from './networkpolicy-selects-nothing.ts';
import { pdbBlocksEvictionSingleReplica } from './pdb-blocks-eviction-single-replica.ts';
import { pdbMinAvailableExceedsHpaMin } from './pdb-min-available-exceeds-hpa-min.ts';
import { pdbMinAvailableExceedsReplicas } from './pdb-min-available-exceeds-replicas.ts';
import { pdbSelectsNothing } from './pdb-selects-nothing.ts';
import { servicePortNameInvalid } from './service-port-name-invalid.ts';
import { servicePortNameMissing } from './service-port-name-missing.ts';
import { serviceSelectorNoMatch } from './service-selector-no-match.ts';
import { serviceTargetPortNotExposed } from './service-target-port-not-exposed.ts';
import { serviceTypeExposed } from './service-type-exposed.ts';
import { servicemonitorSelectsNothing } from './servicemonitor-selects-nothing.ts';
import { workloadNetworkIsolationIncomplete } from './workload-network-isolation-incomplete.ts';
import { workloadNetworkPolicyMissing } from './workload-network-policy-missing.ts';
import { workloadPdbMissing } from './workload-pdb-missing.ts';

export const networkingChecks: AnyCheck[] = [
  serviceSelectorNoMatch,
  serviceTargetPortNotExposed,
  servicePortNameInvalid,
  servicePortNameMissing,
  serviceTypeExposed,
  ingressBackendServiceMissing,
  ingressTlsMissing,
  ingressTlsSecretMissing,
  ingressClassMissing,
  networkpolicySelectsNothing,
  networkpolicyPeerSelectsNothing,
  workloadNetworkPolicyMissing,
  workloadNetworkIsolationIncomplete,
  servicemonitorSelectsNothing,
  hpaTargetMissing,
  pdbSelectsNothing,
  workloadPdbMissing,
  pdbMinAvailableExceedsReplicas,
  pdbMinAvailableExceedsHpaMin,
  pdbBlocksEvictionSingleReplica,
];
