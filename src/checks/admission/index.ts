import type { AnyCheck } from '../../core/check.ts';
import { webhookBackendUnavailable } from './webhook-backend-unavailable.ts';

export const admissionChecks: AnyCheck[] = [webhookBackendUnavailable];
