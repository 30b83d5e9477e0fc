// Our own snapshot file: one document holding every object read, plus what was and was not readable.
// docs/decisions/0014-snapshot-format.md
export const SNAPSHOT_API_VERSION = 'shipshape.dev/v1alpha1';
export const SNAPSHOT_KIND = 'Snapshot';

export interface SnapshotMetadata {
  context?: string;
  server?: string;
  serverVersion?: string;
  takenAt?: string;
  /** undefined = all namespaces */
  namespaces?: string[];
  kindsRead?: string[];
  kindsMissing?: { kind: string; reason: string }[];
  secretValues?: 'redacted' | 'included';
}

export interface SnapshotDocument {
  apiVersion: typeof SNAPSHOT_API_VERSION;
  kind: typeof SNAPSHOT_KIND;
  metadata: SnapshotMetadata;
  items: unknown[];
}

export { REDACTED } from '../../k8s/redact.ts';

/** Keys whose values are public by nature (certificates), kept so certificate expiry can be checked offline. */
export const PUBLIC_SECRET_KEYS = new Set(['tls.crt', 'ca.crt']);
