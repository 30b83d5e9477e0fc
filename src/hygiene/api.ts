// Writes to the API server for apply-plan (DELETE with preconditions and dry-run, POST to restore), through the
// cluster client (src/sources/cluster/client.ts): objects stay the exact JSON the server sent, and the backup is
// that JSON.
import type { ApiResponse, ClusterClient, ClusterConnection } from '../sources/cluster/client.ts';
import { DELETABLE } from './plan.ts';

export type { ApiResponse };

/** What apply-plan needs from a cluster; tests pass a fake. */
export interface KubeApi {
  readonly context: string;
  readonly server: string;
  request(method: 'GET' | 'DELETE' | 'POST', path: string, body?: unknown): Promise<ApiResponse>;
}

/** /api/v1/namespaces/ns/configmaps[/name] for a kind apply-plan knows. */
export function resourcePath(kind: string, namespace: string | undefined, name?: string): string {
  const type = DELETABLE[kind];
  if (!type) throw new Error(`unknown kind ${kind}`);
  const base = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  const ns = type.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
  return `${base}${ns}/${type.resource}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}

/** apply-plan's connection: the cluster client's bounded requests (deadline, size cap, exec plugin limit). */
export class HttpKubeApi implements KubeApi {
  readonly context: string;
  readonly server: string;
  readonly client: ClusterClient;

  private constructor(client: ClusterClient) {
    this.client = client;
    this.context = client.context;
    this.server = client.server;
  }

  static async connect(o: ClusterConnection): Promise<HttpKubeApi> {
    const { ClusterClient } = await import('../sources/cluster/client.ts');
    return new HttpKubeApi(await ClusterClient.connect(o));
  }

  request(method: 'GET' | 'DELETE' | 'POST', path: string, body?: unknown): Promise<ApiResponse> {
    return this.client.send(method, path, body);
  }
}

/** The API server's own message from a Status body, or the HTTP status. */
export function statusMessage(response: ApiResponse): string {
  const body = response.body as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`;
}
