import type { AnyCheck } from '../../core/check.ts';
import { configmapReferenceMissing } from './configmap-reference-missing.ts';
import { objectDuplicate } from './object-duplicate.ts';
import { priorityclassReferenceMissing } from './priorityclass-reference-missing.ts';
import { pvcReferenceMissing } from './pvc-reference-missing.ts';
import { rolebindingRoleMissing } from './rolebinding-role-missing.ts';
import { secretReferenceMissing } from './secret-reference-missing.ts';
import { serviceaccountReferenceMissing } from './serviceaccount-reference-missing.ts';

export const referencesChecks: AnyCheck[] = [
  configmapReferenceMissing,
  secretReferenceMissing,
  serviceaccountReferenceMissing,
  pvcReferenceMissing,
  priorityclassReferenceMissing,
  rolebindingRoleMissing,
  objectDuplicate,
];
