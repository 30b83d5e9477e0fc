// Fetches Go modules through the Go toolchain (`go mod download`), which takes them from the Go module proxy
// and checks each against the checksum database, into a module cache of our own
// (~/.cache/shipshape-schemas/gomod unless $SHIPSHAPE_SCHEMAS_GOMODCACHE says otherwise), so a second run is
// offline. Returns where the module's files are and the checksum Go verified.
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface GoModule {
  path: string;
  version: string;
  /** The extracted module. */
  dir: string;
  /** go.sum's "h1:" hash of the module's files, as checked against sum.golang.org. */
  sum: string;
}

export function moduleCache(): string {
  return process.env.SHIPSHAPE_SCHEMAS_GOMODCACHE ?? join(homedir(), '.cache', 'shipshape-schemas', 'gomod');
}

export function downloadModule(path: string, version: string): GoModule {
  const out = execFileSync('go', ['mod', 'download', '-json', `${path}@${version}`], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    // Outside any module; -modcacherw keeps the cache deletable with rm.
    cwd: moduleCache(),
    env: { ...process.env, GOMODCACHE: moduleCache(), GOFLAGS: '-modcacherw', GO111MODULE: 'on' },
  });
  const info = JSON.parse(out) as { Dir?: string; Sum?: string; Error?: string };
  if (info.Error || !info.Dir || !info.Sum)
    throw new Error(`go mod download ${path}@${version}: ${info.Error ?? out}`);
  return { path, version, dir: info.Dir, sum: info.Sum };
}
