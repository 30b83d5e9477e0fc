// "Each cluster is scanned by exactly one instance at a time": PostgreSQL session advisory locks, one held on its
// own connection for the whole scan and write; when the instance dies its connection closes and the server
// releases the lock. SQLite is one instance's file: a lock within the process is enough (decision 0058).
import type { Pool, PoolClient } from 'pg';
import { advisoryKey } from '../store/record.ts';
import type { HistoryStore } from '../store/store.ts';

export interface HeldLock {
  release(): Promise<void>;
}

export interface ClusterLocks {
  /** The lock for this cluster, or undefined when another instance (or scan) holds it. */
  tryAcquire(cluster: string): Promise<HeldLock | undefined>;
}

export function locksFor(store: HistoryStore): ClusterLocks {
  return store.pool ? new AdvisoryLocks(store.pool) : new ProcessLocks();
}

class ProcessLocks implements ClusterLocks {
  private readonly held = new Set<string>();
  async tryAcquire(cluster: string): Promise<HeldLock | undefined> {
    if (this.held.has(cluster)) return undefined;
    this.held.add(cluster);
    return { release: async () => void this.held.delete(cluster) };
  }
}

class AdvisoryLocks implements ClusterLocks {
  private readonly pool: Pool;
  constructor(pool: Pool) {
    this.pool = pool;
  }

  async tryAcquire(cluster: string): Promise<HeldLock | undefined> {
    const key = advisoryKey(`scan:${cluster}`);
    const client: PoolClient = await this.pool.connect();
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key]);
      if (!rows[0]?.ok) {
        client.off('error', onError);
        client.release();
        return undefined;
      }
    } catch (error) {
      client.off('error', onError);
      client.release(error as Error);
      throw error;
    }
    return {
      release: async () => {
        try {
          if (!broken) await client.query('SELECT pg_advisory_unlock($1)', [key]);
        } catch (error) {
          broken = error as Error;
        } finally {
          client.off('error', onError);
          // A broken connection is dropped, not pooled: its lock went with it.
          client.release(broken ?? undefined);
        }
      },
    };
  }
}
