import { gzipSync } from 'node:zlib';
import type { KubeObject, LoadedObject } from '../../core/object.ts';
import {
  PUBLIC_SECRET_KEYS,
  REDACTED,
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

/** Secret values never leave the cluster unless asked for; certificates (public by nature) stay readable. */
export function redactSecret(object: KubeObject): KubeObject {
  if (object.kind !== 'Secret') return object;
  const redact = (values: unknown) =>
    values && typeof values === 'object'
      ? Object.fromEntries(
          Object.entries(values as Record<string, unknown>).map(([key, value]) => [
            key,
            PUBLIC_SECRET_KEYS.has(key) && object.type === 'kubernetes.io/tls' ? value : REDACTED,
          ]),
        )
      : values;
  const copy: KubeObject = { ...object, metadata: { ...object.metadata } };
  if ('data' in object) copy.data = redact(object.data);
  if ('stringData' in object) copy.stringData = redact(object.stringData);
  const annotations = object.metadata.annotations;
  // kubectl apply keeps the whole Secret, values included, in this annotation.
  if (annotations?.['kubectl.kubernetes.io/last-applied-configuration']) {
    copy.metadata.annotations = {
      ...annotations,
      'kubectl.kubernetes.io/last-applied-configuration': REDACTED,
    };
  }
  return copy;
}

/** The bytes of a snapshot file: JSON, gzipped when the name ends in .gz. */
export function snapshotBytes(file: string, document: SnapshotDocument): Buffer {
  const json = JSON.stringify(document);
  return file.endsWith('.gz') ? gzipSync(json) : Buffer.from(json);
}
