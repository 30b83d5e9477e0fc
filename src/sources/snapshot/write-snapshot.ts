import { gzipSync } from 'node:zlib';
import type { KubeObject, LoadedObject } from '../../core/object.ts';
import { redactForSnapshot } from '../../k8s/redact.ts';
import {
  PUBLIC_SECRET_KEYS,
  SNAPSHOT_API_VERSION,
  SNAPSHOT_KIND,
  type SnapshotDocument,
  type SnapshotMetadata,
} from './format.ts';

export function buildSnapshot(
  objects: readonly LoadedObject[],
  metadata: SnapshotMetadata,
  options: { includeSecretValues: boolean },
): SnapshotDocument {
  return {
    apiVersion: SNAPSHOT_API_VERSION,
    kind: SNAPSHOT_KIND,
    metadata: { ...metadata, secretValues: options.includeSecretValues ? 'included' : 'redacted' },
    items: objects.map((o) => (options.includeSecretValues ? o.object : redactSecret(o.object))),
  };
}

/**
 * Secret values never leave the cluster unless asked for; certificates (public by nature) stay readable. Other
 * objects lose what may quote a credential: secret-looking env values and flags, ConfigMap values, messages, and
 * the copy `kubectl apply` keeps (k8s/redact.ts).
 */
export function redactSecret(object: KubeObject): KubeObject {
  return redactForSnapshot(object, PUBLIC_SECRET_KEYS);
}

/** The bytes of a snapshot file: JSON, gzipped when the name ends in .gz. */
export function snapshotBytes(file: string, document: SnapshotDocument): Buffer {
  const json = JSON.stringify(document);
  return file.endsWith('.gz') ? gzipSync(json) : Buffer.from(json);
}
