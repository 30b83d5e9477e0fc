import type { AnyCheck } from '../../core/check.ts';
import { imageTagMutable } from './image-tag-mutable.ts';

export const reliabilityChecks: AnyCheck[] = [imageTagMutable];
