// Helm 3 stores each release revision in a Secret of type helm.sh/release.v1: data.release is
// base64(gzip(JSON)), and the Secret's own data encoding adds one more base64 layer.
// https://helm.sh/docs/topics/advanced/#storage-backends
import { gunzipSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../core/object.ts';

export interface HelmRelease {
  name: string;
  namespace: string;
  version: number;
  status: string;
  chart?: string;
  /** apiVersion/kind of every object in the rendered manifest. */
  resources: { apiVersion: string; kind: string; name?: string }[];
}

export function isHelmReleaseSecret(object: KubeObject): boolean {
  return object.kind === 'Secret' && object.type === 'helm.sh/release.v1';
}

/** Decodes a release Secret; throws with a clear reason when the payload is truncated or not what Helm writes. */
export function decodeHelmRelease(secret: KubeObject): HelmRelease {
  const data = (secret.data ?? {}) as Record<string, unknown>;
  const stored = data.release;
  if (typeof stored !== 'string' || stored === '') throw new Error('no data.release');
  let payload = Buffer.from(Buffer.from(stored, 'base64').toString('utf8'), 'base64');
  if (payload[0] === 0x1f && payload[1] === 0x8b) {
    try {
      payload = gunzipSync(payload);
    } catch (error) {
      throw new Error(`release payload is not valid gzip (${(error as Error).message})`);
    }
  }
  let release: {
    name?: string;
    namespace?: string;
    version?: number;
    manifest?: string;
    info?: { status?: string };
    chart?: { metadata?: { name?: string; version?: string } };
  };
  try {
    release = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new Error('release payload is not JSON (truncated or not written by Helm 3)');
  }
  const resources: HelmRelease['resources'] = [];
  for (const doc of parseAllDocuments(release.manifest ?? '')) {
    if (doc.errors.length > 0) continue;
    const value = doc.toJS({ maxAliasCount: 100 }) as {
      apiVersion?: unknown;
      kind?: unknown;
      metadata?: { name?: unknown };
    } | null;
    if (value && typeof value.apiVersion === 'string' && typeof value.kind === 'string') {
      resources.push({
        apiVersion: value.apiVersion,
        kind: value.kind,
        ...(typeof value.metadata?.name === 'string' ? { name: value.metadata.name } : {}),
      });
    }
  }
  const labels = secret.metadata.labels ?? {};
  return {
    name: release.name ?? labels.name ?? secret.metadata.name ?? '',
    namespace: release.namespace ?? secret.metadata.namespace ?? '',
    version: release.version ?? Number(labels.version ?? 0),
    status: release.info?.status ?? labels.status ?? 'unknown',
    ...(release.chart?.metadata?.name
      ? { chart: `${release.chart.metadata.name}-${release.chart.metadata.version ?? ''}` }
      : {}),
    resources,
  };
}
