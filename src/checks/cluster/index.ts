import type { AnyCheck } from '../../core/check.ts';
import { namespaceNotActive } from './namespace-not-active.ts';

export const clusterChecks: AnyCheck[] = [namespaceNotActive];
