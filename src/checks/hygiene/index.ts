import type { AnyCheck } from '../../core/check.ts';
import { configmapUnused } from './configmap-unused.ts';
import { pvcUnused } from './pvc-unused.ts';
import { secretUnused } from './secret-unused.ts';
import { serviceaccountUnused } from './serviceaccount-unused.ts';

export const hygieneChecks: AnyCheck[] = [configmapUnused, secretUnused, serviceaccountUnused, pvcUnused];
