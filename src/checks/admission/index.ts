import type { AnyCheck } from '../../core/check.ts';
import { resourcequotaExhausted } from './resourcequota-exhausted.ts';
import { webhookBackendUnavailable } from './webhook-backend-unavailable.ts';

export const admissionChecks: AnyCheck[] = [webhookBackendUnavailable, resourcequotaExhausted];
