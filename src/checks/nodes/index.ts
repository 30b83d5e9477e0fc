import type { AnyCheck } from '../../core/check.ts';

import { nodeNotReady } from './node-not-ready.ts';

export const nodeChecks: AnyCheck[] = [nodeNotReady];
