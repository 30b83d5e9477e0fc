// Live schemas: reads the cluster's /openapi/v3 (every group-version, CRDs included) and /version, and turns them
// into the same SchemaSet the bundled schemas give, so review validates against exactly what the cluster serves.
// https://kubernetes.io/docs/concepts/overview/kubernetes-api/#openapi-v3

import { errorReason, Failure } from '../../core/failure.ts';
import type { ClusterSchemas } from '../../schema/resolve.ts';
import { gvkKey } from '../../schema/validator.ts';
import { ClusterClient, type ClusterConnection } from './client.ts';

interface OpenApiIndex {
  paths?: Record<string, { serverRelativeURL?: string }>;
}

interface OpenApiDocument {
  components?: { schemas?: Record<string, unknown> };
}

interface GroupVersionKind {
  group?: string;
  version?: string;
  kind?: string;
}

/** Something that GETs JSON from the API server (ClusterClient; a stub in unit tests). */
export interface JsonGetter {
  getJson(path: string): Promise<unknown>;
  readonly server?: string;
}

const CONCURRENCY = 6;

/** Builds the schema set from an API server's OpenAPI v3 documents. */
export async function readClusterSchemas(client: JsonGetter): Promise<ClusterSchemas> {
  const version = minorVersion(await client.getJson('/version'));
  const index = (await client.getJson('/openapi/v3')) as OpenApiIndex;
  const urls = Object.entries(index?.paths ?? {})
    .filter(([path]) => path === 'api/v1' || /^apis\/[^/]+\/[^/]+$/.test(path))
    .map(([path, entry]) => entry?.serverRelativeURL ?? `/openapi/v3/${path}`);
  const documents = await mapLimit(
    urls,
    CONCURRENCY,
    async (url) => (await client.getJson(url)) as OpenApiDocument,
  );
  const definitions: Record<string, unknown> = {};
  const kinds = new Map<string, string>();
  for (const document of documents) {
    for (const [name, schema] of Object.entries(document?.components?.schemas ?? {})) {
      definitions[name] ??= schema;
      const gvks = (schema as { 'x-kubernetes-group-version-kind'?: GroupVersionKind[] })?.[
        'x-kubernetes-group-version-kind'
      ];
      for (const gvk of Array.isArray(gvks) ? gvks : []) {
        if (!gvk.kind || !gvk.version) continue;
        const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        const key = gvkKey(apiVersion, gvk.kind);
        if (!kinds.has(key) || !name.startsWith('io.k8s.apimachinery.pkg.apis.meta.')) kinds.set(key, name);
      }
    }
  }
  return {
    version,
    set: {
      id: `cluster:${client.server ?? 'unknown'}:${Date.now()}:${Math.random().toString(36).slice(2)}`,
      label: `the cluster's OpenAPI (Kubernetes ${version})`,
      kinds,
      definitions,
    },
  };
}

/** Connects with kubectl semantics (--kubeconfig, else $KUBECONFIG, else ~/.kube/config; --context) and reads. */
export async function fetchClusterSchemas(
  connection: ClusterConnection,
): Promise<ClusterSchemas & { context: string; server: string }> {
  const client = await ClusterClient.connect(connection);
  let schemas: ClusterSchemas;
  try {
    schemas = await readClusterSchemas(client);
  } catch (error) {
    throw new Failure(`${client.server} (context "${client.context}"): ${errorReason(error)}`, {
      cause: error,
    });
  }
  return { ...schemas, context: client.context, server: client.server };
}

function minorVersion(info: unknown): string {
  const { major, minor, gitVersion } = (info ?? {}) as {
    major?: string;
    minor?: string;
    gitVersion?: string;
  };
  const fromGit = /^v?(\d+)\.(\d+)/.exec(gitVersion ?? '');
  if (fromGit) return `${fromGit[1]}.${fromGit[2]}`;
  const minorNumber = /^\d+/.exec(minor ?? '');
  if (major && minorNumber) return `${major}.${minorNumber[0]}`;
  throw new Error('the API server did not report its version (/version)');
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
