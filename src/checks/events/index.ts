import type { AnyCheck } from '../../core/check.ts';
import { warningEventsUnexplained } from './warning-events-unexplained.ts';

export const eventChecks: AnyCheck[] = [warningEventsUnexplained];
