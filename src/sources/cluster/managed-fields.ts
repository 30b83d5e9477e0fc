// Kept apart from the API client so snapshot reading does not load node:http.
import type { KubeObject } from '../../core/object.ts';

/** managedFields keep only who applied which apiVersion when (what upgrade checks read); fieldsV1 is dropped. */
export function slimManagedFields(object: KubeObject): void {
  const managed = object.metadata.managedFields;
  if (!Array.isArray(managed)) return;
  object.metadata.managedFields = managed.map((entry: Record<string, unknown>) => ({
    manager: entry.manager,
    operation: entry.operation,
    apiVersion: entry.apiVersion,
    time: entry.time,
    ...(entry.subresource ? { subresource: entry.subresource } : {}),
  }));
}
