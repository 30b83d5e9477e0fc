// A real PostgreSQL server for tests: Debian's `postgresql` package (initdb/pg_ctl from /usr/lib/postgresql/*/bin),
// its data in a temporary folder, listening on a free loopback port, stopped (and the folder removed) afterwards.
// As root (CI) the server runs as the `postgres` user the package creates, since PostgreSQL refuses root.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export interface PostgresServer {
  /** postgres://…/postgres: the maintenance database. */
  url: string;
  port: number;
  /** A new, empty database on this server; its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stops the server abruptly (as a crash or a network loss would) and starts it again on demand. */
  kill(): void;
  start(): void;
  stop(): void;
}

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** Why PostgreSQL tests cannot run here, or false when they can. */
export function postgresSkipReason(): string | false {
  if (!binDir()) return 'PostgreSQL is not installed (apt-get install -y postgresql)';
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0)
    return 'running as root and there is no postgres user to run PostgreSQL as';
  return false;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const data = join(dir, 'data');
  run('initdb', [
    '-D',
    data,
    '-U',
    'shipshape',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-instructions',
  ]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = () =>
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const stopWith = (mode: string) => {
    if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  };
  start();
  const url = `postgres://shipshape@127.0.0.1:${port}/postgres`;
  let counter = 0;
  const server: PostgresServer = {
    url,
    port,
    async createDatabase(prefix = 't') {
      const { default: pg } = await import('pg');
      const name = `${prefix}_${process.pid}_${++counter}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://shipshape@127.0.0.1:${port}/${name}`;
    },
    kill: () => stopWith('immediate'),
    start,
    stop: () => {
      try {
        stopWith('fast');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return server;
}
