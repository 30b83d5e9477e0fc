// Reads a live cluster into the same object set the other sources produce: one paginated LIST per kind,
// cluster-wide when allowed, bounded concurrency; a kind we may not read is reported once and skipped. A kind
// forbidden in some namespaces only is read where it may be, and the others are named (namespacesForbidden): an
// identity bound per namespace sees its namespaces, and nothing is concluded about the rest.

import { Failure } from '../../core/failure.ts';
import type { KubeObject, LoadedObject } from '../../core/object.ts';
import { deepFreeze, refOf } from '../../core/object.ts';
import type { Problem } from '../../core/problem.ts';
import { redactMessages } from '../../k8s/redact.ts';
import { ApiError, type ClusterClient } from './client.ts';
import { slimManagedFields } from './managed-fields.ts';
import { apiVersionOf, collectionPath, type ResourceType } from './resources.ts';

export interface ClusterScope {
  /** Namespaces to read; undefined = all namespaces (-A). */
  namespaces?: string[];
  /**
   * A namespaced kind some namespaces refuse is read in the others, and the refusing ones are named
   * (namespacesForbidden); without a namespace list, a kind refused cluster-wide is read namespace by namespace.
   * For `shipshape serve`, whose history must know where it looked and drops what a check could only guess
   * there. Off (the other commands): such a kind is not read at all, and checks that need it do not run.
   */
  partialByNamespace?: boolean;
}

/** A namespace where some kinds could not be read while the scan read them elsewhere. */
export interface NamespaceForbidden {
  namespace: string;
  /** The kinds not read there, sorted; ['*'] when no namespaced kind could be. */
  kinds: string[];
  reason: string;
}

export interface ClusterLoadResult {
  objects: LoadedObject[];
  problems: Problem[];
  /** Kinds read completely for the scope. */
  kindsRead: string[];
  /** Kinds we could not read (forbidden or failing): checks depending on them must not guess. */
  kindsMissing: { kind: string; reason: string }[];
  /** Namespaces where kinds listed in kindsRead could not be read (RBAC bound per namespace). */
  namespacesForbidden: NamespaceForbidden[];
  serverVersion?: string;
}

const PAGE_SIZE = 500;
const CONCURRENCY = 4;
/** Why a kind was not read when the cluster does not serve its API (an optional add-on not installed). */
export const NOT_SERVED = 'not served by this cluster';

/** 500,000 objects of one kind in one scope: more pages means a server (or proxy) that never ends the list. */
export const MAX_PAGES = 1000;

export async function loadCluster(
  client: ClusterClient,
  types: readonly ResourceType[],
  scope: ClusterScope,
  onProgress?: (message: string) => void,
): Promise<ClusterLoadResult> {
  const result: ClusterLoadResult = {
    objects: [],
    problems: [],
    kindsRead: [],
    kindsMissing: [],
    namespacesForbidden: [],
  };
  const denied = new Map<string, { kinds: Set<string>; reason: string }>();
  let namespaceNames: Promise<string[]> | undefined;
  const context: LoadContext = {
    denied,
    namespaces: () => {
      namespaceNames ??= listAll(client, NAMESPACES).then((items) =>
        items.map((i) => (i as KubeObject).metadata?.name).filter((n): n is string => typeof n === 'string'),
      );
      return namespaceNames;
    },
  };
  try {
    const version = (await client.getJson('/version')) as { gitVersion?: string };
    if (version.gitVersion) result.serverVersion = version.gitVersion;
  } catch (error) {
    // An unreachable server fails here once, clearly, instead of once per kind.
    if (!(error instanceof ApiError)) throw error;
  }
  const queue = [...types];
  let done = 0;
  const worker = async () => {
    for (let type = queue.shift(); type; type = queue.shift()) {
      await loadType(client, type, scope, result, context);
      done++;
      onProgress?.(`read ${done}/${types.length} kinds (${result.objects.length} objects)`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, types.length) }, worker));
  result.kindsRead.sort();
  result.kindsMissing.sort((a, b) => a.kind.localeCompare(b.kind));
  const namespacedRead = types.filter((t) => t.namespaced && result.kindsRead.includes(t.kind)).length;
  for (const [namespace, { kinds, reason }] of [...denied].sort(([a], [b]) => a.localeCompare(b))) {
    const all = kinds.size === namespacedRead;
    result.namespacesForbidden.push({ namespace, kinds: all ? ['*'] : [...kinds].sort(), reason });
    result.problems.push({
      kind: 'source',
      level: 'warning',
      object: `Namespace/${namespace}`,
      message: all
        ? `nothing in namespace ${namespace} could be read (${reason}): nothing there was checked, and its findings keep their state`
        : `cannot read ${[...kinds].sort().join(', ')} in namespace ${namespace} (${reason}): checks that need them judged nothing there`,
    });
  }
  return result;
}

interface LoadContext {
  /** Namespace → kinds it refused, for kinds read elsewhere. */
  denied: Map<string, { kinds: Set<string>; reason: string }>;
  /** Every namespace's name (one LIST, shared by the kinds that fall back to reading per namespace). */
  namespaces(): Promise<string[]>;
}

const NAMESPACES: ResourceType = {
  group: '',
  version: 'v1',
  resource: 'namespaces',
  kind: 'Namespace',
  namespaced: false,
};

async function loadType(
  client: ClusterClient,
  type: ResourceType,
  scope: ClusterScope,
  result: ClusterLoadResult,
  context: LoadContext,
): Promise<void> {
  try {
    if (type.namespaced && scope.namespaces && scope.partialByNamespace)
      await loadPerNamespace(client, type, scope.namespaces, result, context);
    else if (type.namespaced && scope.namespaces) {
      for (const namespace of scope.namespaces)
        for (const item of await listAll(client, type, namespace)) result.objects.push(toLoaded(item, type));
      result.kindsRead.push(type.kind);
    } else {
      let items: unknown[];
      try {
        items = await listAll(client, type);
      } catch (error) {
        if (!(type.namespaced && scope.partialByNamespace && isForbidden(error))) throw error;
        let names: string[];
        try {
          names = await context.namespaces();
        } catch {
          throw error; // the namespaces cannot be listed either: the kind is not read, for the first reason
        }
        await loadPerNamespace(client, type, names, result, context, error);
        return;
      }
      for (const item of items) result.objects.push(toLoaded(item, type));
      result.kindsRead.push(type.kind);
    }
  } catch (error) {
    const reason = describeFailure(error);
    result.kindsMissing.push({ kind: type.kind, reason });
    // Missing optional APIs (404) are normal on older or smaller clusters: note them, don't alarm.
    if (!(error instanceof ApiError && error.status === 404)) {
      result.problems.push({
        kind: 'source',
        level: 'warning',
        object: type.kind,
        message: `cannot list ${type.resource}: ${reason}; checks that need ${type.kind} objects were skipped`,
      });
    }
  }
}

/**
 * Reads a namespaced kind namespace by namespace. A namespace that refuses it (403) is remembered and the others are
 * read; when every one refuses, the kind is not read at all (the error thrown is the first refusal, or `whole`, the
 * cluster-wide refusal this replaced).
 */
async function loadPerNamespace(
  client: ClusterClient,
  type: ResourceType,
  namespaces: readonly string[],
  result: ClusterLoadResult,
  context: LoadContext,
  whole?: unknown,
): Promise<void> {
  const loaded: LoadedObject[] = [];
  const refused: { namespace: string; error: unknown }[] = [];
  for (const namespace of namespaces) {
    try {
      for (const item of await listAll(client, type, namespace)) loaded.push(toLoaded(item, type));
    } catch (error) {
      if (!isForbidden(error)) throw error;
      refused.push({ namespace, error });
    }
  }
  if (refused.length === namespaces.length)
    throw whole ?? refused[0]?.error ?? new Failure('no namespace to read');
  for (const o of loaded) result.objects.push(o);
  result.kindsRead.push(type.kind);
  for (const { namespace, error } of refused) {
    const entry = context.denied.get(namespace) ?? {
      kinds: new Set<string>(),
      reason: describeFailure(error),
    };
    entry.kinds.add(type.kind);
    context.denied.set(namespace, entry);
  }
}

function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}

async function listAll(client: ClusterClient, type: ResourceType, namespace?: string): Promise<unknown[]> {
  const items: unknown[] = [];
  const tokens = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  do {
    if (++pages > MAX_PAGES)
      throw new Failure(
        `the list did not end after ${MAX_PAGES} pages of ${PAGE_SIZE} (the server kept sending continue tokens); not read`,
      );
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (token) query.set('continue', token);
    const page = (await client.getJson(`${collectionPath(type, namespace)}?${query}`)) as {
      items?: unknown[];
      metadata?: { continue?: string };
    };
    for (const item of page.items ?? []) items.push(item);
    token = page.metadata?.continue || undefined;
    if (token && tokens.has(token))
      throw new Failure('the server sent the same continue token twice (the list would never end); not read');
    if (token) tokens.add(token);
  } while (token);
  return items;
}

/** List items omit apiVersion/kind; managedFields keep only who applied which apiVersion (for upgrade checks). */
export function toLoaded(raw: unknown, type: ResourceType): LoadedObject {
  const typed = raw as KubeObject;
  typed.apiVersion = apiVersionOf(type);
  typed.kind = type.kind;
  // Messages the cluster wrote (events, exit messages) may quote credentials: redacted before any check sees them
  // (after the kind is set: list items come without it, and an Event's message is found by its kind).
  const object = redactMessages(typed);
  object.metadata ??= {};
  slimManagedFields(object);
  deepFreeze(object);
  return { object, ref: refOf(object) };
}

function describeFailure(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return 'forbidden by RBAC';
    if (error.status === 401) return 'unauthorized (expired or invalid credentials)';
    if (error.status === 404) return NOT_SERVED;
    return error.message;
  }
  return (error as Error).message ?? String(error);
}
