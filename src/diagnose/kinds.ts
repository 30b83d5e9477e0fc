// Whether a kind was read completely: a check may only call a referenced object "missing" when its kind was read
// (RBAC may forbid Secrets; a snapshot may not hold IngressClasses). Without kindsRead (tests, whole sets) the
// object set is taken as complete.
import type { RunSettings } from '../core/check.ts';

export function kindRead(settings: RunSettings, kind: string): boolean {
  return settings.kindsRead ? settings.kindsRead.has(kind) : true;
}
