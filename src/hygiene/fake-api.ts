// An in-memory API server for apply-plan tests: GET, DELETE (dry-run and preconditions honoured), POST.
import type { ApiResponse, KubeApi } from './api.ts';

export class FakeApi implements KubeApi {
  readonly context: string;
  readonly server: string;
  readonly objects = new Map<string, Record<string, unknown>>();
  readonly calls: string[] = [];
  private next = 1;

  constructor(context = 'test', server = 'https://127.0.0.1:6443') {
    this.context = context;
    this.server = server;
  }

  /** Stores an object at its item path (the collection path plus name). */
  put(collection: string, object: Record<string, unknown>): void {
    const name = (object.metadata as { name: string }).name;
    this.objects.set(`${collection}/${name}`, structuredClone(object));
  }

  async request(method: 'GET' | 'DELETE' | 'POST', path: string, body?: unknown): Promise<ApiResponse> {
    this.calls.push(`${method} ${path}`);
    const [bare] = path.split('?') as [string];
    const dryRun = path.includes('dryRun=All');
    if (method === 'GET') {
      const o = this.objects.get(bare);
      return o ? { status: 200, body: structuredClone(o) } : notFound();
    }
    if (method === 'DELETE') {
      const o = this.objects.get(bare);
      if (!o) return notFound();
      const pre = (body as { preconditions?: { uid?: string; resourceVersion?: string } } | undefined)
        ?.preconditions;
      const meta = o.metadata as { uid?: string; resourceVersion?: string };
      if (pre?.uid && pre.uid !== meta.uid)
        return { status: 409, body: { kind: 'Status', message: 'Precondition failed: UID in precondition' } };
      if (pre?.resourceVersion && pre.resourceVersion !== meta.resourceVersion)
        return {
          status: 409,
          body: { kind: 'Status', message: 'Precondition failed: ResourceVersion in precondition' },
        };
      if (!dryRun) this.objects.delete(bare);
      return { status: 200, body: o };
    }
    const object = structuredClone(body) as Record<string, unknown>;
    const meta = object.metadata as Record<string, unknown>;
    const key = `${bare}/${String(meta.name)}`;
    if (this.objects.has(key)) return { status: 409, body: { kind: 'Status', message: 'already exists' } };
    if (meta.uid || meta.resourceVersion)
      return { status: 400, body: { message: 'resourceVersion should not be set on objects to be created' } };
    meta.uid = `restored-${this.next++}`;
    meta.resourceVersion = String(1000 + this.next);
    this.objects.set(key, object);
    return { status: 201, body: object };
  }
}

function notFound(): ApiResponse {
  return { status: 404, body: { kind: 'Status', message: 'not found' } };
}
