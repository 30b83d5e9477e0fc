// Where `shipshape rbac` reads its RBAC objects: manifest files (-f), a snapshot, or the live cluster. Each gives
// the same world; what the answer stands for (built-ins added, aggregation computed or stored, other authorizers)
// is said in `basis` and `notes`, never left for the reader to guess.
import type { LoadedObject } from '../core/object.ts';
import type { Problem } from '../core/problem.ts';
import type { SourceInfo } from '../core/report.ts';
import type { ApiResourceInfo } from '../k8s/rbac/defaults/index.ts';
import { defaultsFor } from '../k8s/rbac/defaults/index.ts';
import { minorOf, worldOptions } from '../k8s/rbac/in-index.ts';
import { crdResources } from '../k8s/rbac/resources.ts';
import { RbacWorld } from '../k8s/rbac/world.ts';
import type { ClusterClient } from '../sources/cluster/client.ts';
import type { ResourceType } from '../sources/cluster/resources.ts';
import { BUILTIN_RESOURCES } from '../sources/cluster/resources.ts';

/** What the rbac commands read from a cluster: RBAC, the subjects that can exist, and CRDs for resource names. */
export const RBAC_RESOURCES: readonly ResourceType[] = BUILTIN_RESOURCES.filter((r) =>
  [
    'Role',
    'RoleBinding',
    'ClusterRole',
    'ClusterRoleBinding',
    'ServiceAccount',
    'Namespace',
    'CustomResourceDefinition',
  ].includes(r.kind),
);

export interface RbacInput {
  objects: readonly LoadedObject[];
  problems: Problem[];
  source: SourceInfo;
  /** True for a partial set (files). */
  partial: boolean;
  kubeVersion?: string;
  /** Live reads only. */
  serverVersion?: string;
  kindsRead?: ReadonlySet<string>;
  client?: ClusterClient;
}

export interface RbacView {
  world: RbacWorld;
  resources: ApiResourceInfo[];
  /** One line on what the answers stand for. */
  basis: string;
  /** Things the reader must know to trust the answer (lower bound, built-ins, aggregation). */
  notes: string[];
  /** Live: other authorizers may allow more than RBAC objects show. */
  lowerBound: boolean;
}

export function buildView(input: RbacInput): RbacView {
  const settings = {
    ...(input.kubeVersion ? { kubeVersion: input.kubeVersion } : {}),
    ...(input.serverVersion ? { serverVersion: input.serverVersion } : {}),
    ...(input.kindsRead ? { kindsRead: input.kindsRead } : {}),
  };
  const options = worldOptions(input.objects, settings, input.partial);
  const world = new RbacWorld(input.objects, options);
  const minor = minorOf(input.kubeVersion ?? input.serverVersion);
  const defaults = defaultsFor(minor);
  const notes: string[] = [];
  let basis: string;
  if (input.source.kind === 'files') {
    basis = `the manifests as the API server of Kubernetes ${defaults.version} would evaluate them once applied`;
    notes.push(
      `built-in roles and bindings of ${defaults.version} added where the files hold no object of that name (${defaults.basis})`,
    );
    notes.push(
      'aggregated ClusterRoles computed from their aggregationRule, as the controller will write them',
    );
  } else if (input.source.kind === 'snapshot') {
    basis = 'the RBAC objects of the snapshot';
    const bindings = input.objects.some(
      (o) => o.object.kind === 'RoleBinding' || o.object.kind === 'ClusterRoleBinding',
    );
    if (!bindings)
      notes.push(
        `the snapshot holds no RoleBindings or ClusterRoleBindings: only the built-in policy of ${defaults.version} is evaluated, which is not this cluster's`,
      );
    else if (options.builtIns)
      notes.push(`the snapshot holds no ClusterRoles: built-in roles of ${defaults.version} added`);
    notes.push('aggregated ClusterRoles computed from their aggregationRule');
  } else {
    basis = 'the RBAC objects of the live cluster (stored rules, as its authorizer reads them)';
  }
  notes.push('group membership comes from the identity provider: answers name groups, not their members');
  return {
    world,
    resources: [...defaults.resources, ...crdResources(input.objects)],
    basis,
    notes,
    lowerBound: input.source.kind === 'cluster',
  };
}
