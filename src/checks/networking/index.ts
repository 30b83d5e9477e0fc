import type { AnyCheck } from '../../core/check.ts';
import { serviceSelectorNoMatch } from './service-selector-no-match.ts';

export const networkingChecks: AnyCheck[] = [serviceSelectorNoMatch];
