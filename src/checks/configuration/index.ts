import type { AnyCheck } from '../../core/check.ts';
import { annotationsRequiredMissing } from './annotations-required-missing.ts';
import { containerPortNameInvalid } from './container-port-name-invalid.ts';
import { containerPortNumberInvalid } from './container-port-number-invalid.ts';
import { envDuplicateName } from './env-duplicate-name.ts';
import { labelsInstanceMismatch } from './labels-instance-mismatch.ts';
import { labelsRequiredMissing } from './labels-required-missing.ts';
import { namespaceDefault } from './namespace-default.ts';
import { podServiceAccountFieldDeprecated } from './pod-service-account-field-deprecated.ts';
import { workloadSelectorMismatch } from './workload-selector-mismatch.ts';

export const configurationChecks: AnyCheck[] = [
  workloadSelectorMismatch,
  containerPortNameInvalid,
  containerPortNumberInvalid,
  envDuplicateName,
  podServiceAccountFieldDeprecated,
  labelsRequiredMissing,
  annotationsRequiredMissing,
  labelsInstanceMismatch,
  namespaceDefault,
];
