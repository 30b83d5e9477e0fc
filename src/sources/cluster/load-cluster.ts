// Reads a live cluster into the same object set the other sources produce: one paginated LIST per kind,
// cluster-wide when allowed, bounded concurrency; a kind we may not read is reported once and skipped.

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
}

export interface ClusterLoadResult {
  objects: LoadedObject[];
  problems: Problem[];
  /** Kinds read completely for the scope. */
  kindsRead: string[];
  /** Kinds we could not read (forbidden or failing): checks depending on them must not guess. */
  kindsMissing: { kind: string; reason: string }[];
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
  const result: ClusterLoadResult = { objects: [], problems: [], kindsRead: [], kindsMissing: [] };
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
      await loadType(client, type, scope, result);
      done++;
      onProgress?.(`read ${done}/${types.length} kinds (${result.objects.length} objects)`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, types.length) }, worker));
  result.kindsRead.sort();
  result.kindsMissing.sort((a, b) => a.kind.localeCompare(b.kind));
  return result;
}

async function loadType(
  client: ClusterClient,
  type: ResourceType,
  scope: ClusterScope,
  result: ClusterLoadResult,
): Promise<void> {
  const targets = type.namespaced && scope.namespaces ? scope.namespaces : [undefined];
  try {
    for (const namespace of targets) {
      for (const item of await listAll(client, type, namespace)) result.objects.push(toLoaded(item, type));
    }
    result.kindsRead.push(type.kind);
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
