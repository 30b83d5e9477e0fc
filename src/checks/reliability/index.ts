import type { AnyCheck } from '../../core/check.ts';
import { containerLivenessProbeMissing } from './container-liveness-probe-missing.ts';
import { containerReadinessProbeMissing } from './container-readiness-probe-missing.ts';
import { cronjobScheduleInvalid } from './cronjob-schedule-invalid.ts';
import { cronjobStartingDeadlineMissing } from './cronjob-starting-deadline-missing.ts';
import { hpaCannotScale } from './hpa-cannot-scale.ts';
import { hpaMinReplicasLow } from './hpa-min-replicas-low.ts';
import { hpaUtilizationRequestMissing } from './hpa-utilization-request-missing.ts';
import { imagePullPolicyNotAlways } from './image-pull-policy-not-always.ts';
import { imageTagMutable } from './image-tag-mutable.ts';
import { jobTtlAfterFinishedUnset } from './job-ttl-after-finished-unset.ts';
import { pdbDisallowsDisruption } from './pdb-disallows-disruption.ts';
import { pdbUnhealthyPodEvictionPolicyUnset } from './pdb-unhealthy-pod-eviction-policy-unset.ts';
import { podDnsConfigOptions } from './pod-dns-config-options.ts';
import { podNodeAffinityMissing } from './pod-node-affinity-missing.ts';
import { podPriorityClassMissing } from './pod-priority-class-missing.ts';
import { podPriorityClassNotAccepted } from './pod-priority-class-not-accepted.ts';
import { podRestartPolicyInvalid } from './pod-restart-policy-invalid.ts';
import { podRestartPolicyNotAccepted } from './pod-restart-policy-not-accepted.ts';
import { probeConfigInvalid } from './probe-config-invalid.ts';
import { probeLivenessEqualsReadiness } from './probe-liveness-equals-readiness.ts';
import { probePortNotExposed } from './probe-port-not-exposed.ts';
import { workloadAntiAffinityMissing } from './workload-anti-affinity-missing.ts';
import { workloadReplicasSetWithHpa } from './workload-replicas-set-with-hpa.ts';
import { workloadRollingUpdateInvalid } from './workload-rolling-update-invalid.ts';
import { workloadRollingUpdateMissing } from './workload-rolling-update-missing.ts';
import { workloadSingleReplica } from './workload-single-replica.ts';
import { workloadTopologySpreadMissing } from './workload-topology-spread-missing.ts';

export const reliabilityChecks: AnyCheck[] = [
  imageTagMutable,
  imagePullPolicyNotAlways,
  containerLivenessProbeMissing,
  containerReadinessProbeMissing,
  probePortNotExposed,
  probeLivenessEqualsReadiness,
  probeConfigInvalid,
  workloadSingleReplica,
  workloadAntiAffinityMissing,
  workloadTopologySpreadMissing,
  workloadRollingUpdateMissing,
  workloadRollingUpdateInvalid,
  workloadReplicasSetWithHpa,
  podPriorityClassMissing,
  podPriorityClassNotAccepted,
  podRestartPolicyInvalid,
  podRestartPolicyNotAccepted,
  podNodeAffinityMissing,
  podDnsConfigOptions,
  pdbDisallowsDisruption,
  pdbUnhealthyPodEvictionPolicyUnset,
  hpaMinReplicasLow,
  hpaCannotScale,
  hpaUtilizationRequestMissing,
  jobTtlAfterFinishedUnset,
  cronjobStartingDeadlineMissing,
  cronjobScheduleInvalid,
];
