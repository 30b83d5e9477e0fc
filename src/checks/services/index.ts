import type { AnyCheck } from '../../core/check.ts';

import { serviceNoEndpoints } from './service-no-endpoints.ts';

export const serviceChecks: AnyCheck[] = [serviceNoEndpoints];
