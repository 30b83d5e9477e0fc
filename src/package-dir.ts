// Where the package's own data files are (package.json, schemas/): the checkout's root when shipshape runs from
// src/, the installed package's root when it runs from the bundle in dist/ (docs/decisions/0042-npm-package.md).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The nearest directory above this module that holds a package.json. */
function packageRoot(): string {
  if (root === undefined) {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
    root = dir;
  }
  return root;
}

/** A path inside the package, e.g. packagePath('schemas', 'index.json'). */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
