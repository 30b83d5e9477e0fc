import type { AnyCheck } from '../../core/check.ts';
import { namespaceNotActive } from './namespace-not-active.ts';
import { systemPodNotReady } from './system-pod-not-ready.ts';

export const clusterChecks: AnyCheck[] = [systemPodNotReady, namespaceNotActive];
