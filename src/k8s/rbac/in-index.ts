// The RBAC world of a check run, built once from the object index (every RBAC check shares it).
import type { RunSettings } from '../../core/check.ts';
import type { ObjectIndex } from '../../core/index.ts';
import type { LoadedObject } from '../../core/object.ts';
import { type Defaults, defaultsFor } from './defaults/index.ts';
import { RBAC_KINDS } from './objects.ts';
import { RbacWorld } from './world.ts';

/** "1.34" from "1.34", "v1.34.4", "1.34.4-eks-…"; undefined when absent or unreadable. */
export function minorOf(version: string | undefined): string | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  return match ? `${match[1]}.${match[2]}` : undefined;
}

/**
 * What the authorizer of this run's cluster reads: live reads use the stored rules of aggregated roles; files and
 * snapshots get them computed. The built-in roles and bindings are added unless the input is a complete read of
 * the cluster's ClusterRoles (a snapshot or live read that has them).
 */
export function worldOptions(
  objects: readonly LoadedObject[],
  settings: Pick<RunSettings, 'kubeVersion' | 'serverVersion' | 'kindsRead'>,
  partial: boolean,
): { aggregation: 'compute' | 'stored'; builtIns?: Defaults } {
  const live = settings.serverVersion !== undefined && settings.kindsRead !== undefined;
  const complete =
    !partial &&
    (settings.kindsRead
      ? settings.kindsRead.has('ClusterRole')
      : objects.some((o) => o.object.kind === 'ClusterRole'));
  const aggregation = live ? 'stored' : 'compute';
  if (complete) return { aggregation };
  return { aggregation, builtIns: defaultsFor(minorOf(settings.kubeVersion ?? settings.serverVersion)) };
}

export function worldOf(index: ObjectIndex, settings: RunSettings): RbacWorld {
  return index.memo('rbac:world', (ix) => {
    const objects = RBAC_KINDS.flatMap((kind) => ix.ofKind(kind));
    return new RbacWorld(objects, worldOptions(objects, settings, ix.partial));
  });
}
