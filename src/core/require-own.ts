// Loads one of shipshape's own modules synchronously when first needed (require(esm), Node ≥ 22.12), so runs that
// never need it do not load it, nor, in the package, even parse it. From the checkout that is the .ts source;
// in the package, the bundle built it as an entry point of its own, dist/<its file name>.js, which scripts/build.ts
// finds by looking for calls of this function (docs/decisions/0042-npm-package.md).
import { createRequire } from 'node:module';
import { basename } from 'node:path';

/** `from` is the caller's import.meta.url; `path` a relative path to a .ts module, as in an import. */
export function requireOwn<T>(from: string, path: string): T {
  const require = createRequire(from);
  if (from.endsWith('.ts')) return require(path) as T;
  return require(`./${basename(path, '.ts')}.js`) as T;
}
