// shipshape's per-user cache directory, where CI systems keep caches between runs: $SHIPSHAPE_CACHE_DIR, else
// $XDG_CACHE_HOME/shipshape, else ~/.cache/shipshape. It holds compiled schema validators (docs/decisions/
// 0028-validator-cache.md) and Node's compile cache of shipshape's own code (0042-npm-package.md).
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** The cache directory, or undefined when SHIPSHAPE_CACHE=off (or 0, false, no) or no home directory is known. */
export function cacheBase(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const switchValue = (env.SHIPSHAPE_CACHE ?? '').trim().toLowerCase();
  if (['off', '0', 'false', 'no'].includes(switchValue)) return undefined;
  const base = env.SHIPSHAPE_CACHE_DIR?.trim();
  if (base) return base;
  // XDG Base Directory: a relative $XDG_CACHE_HOME is invalid and ignored.
  const xdg = env.XDG_CACHE_HOME?.trim();
  if (xdg && isAbsolute(xdg)) return join(xdg, 'shipshape');
  let home: string;
  try {
    home = env.HOME?.trim() || homedir();
  } catch {
    return undefined;
  }
  return home && isAbsolute(home) ? join(home, '.cache', 'shipshape') : undefined;
}

/**
 * Where Node keeps compiled shipshape code between runs: $NODE_COMPILE_CACHE when set (Node's own variable),
 * else node-compile-cache in the cache directory; undefined leaves Node its default (the temporary directory).
 */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_COMPILE_CACHE) return env.NODE_COMPILE_CACHE;
  const base = cacheBase(env);
  return base && join(base, 'node-compile-cache');
}
