import type { AnyCheck } from '../../core/check.ts';
import { nodeCordoned } from './node-cordoned.ts';
import { nodeNotReady } from './node-not-ready.ts';
import { nodePressure } from './node-pressure.ts';

export const nodeChecks: AnyCheck[] = [nodeNotReady, nodePressure, nodeCordoned];
