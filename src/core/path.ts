/** A location inside an object: keys and array indexes, e.g. ['spec', 'containers', 0, 'image']. */
export type Path = readonly (string | number)[];

/** Renders a path the way kubectl explain and the JSON contract spell it: spec.containers[0].image */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Reads the value at a path, or undefined when any step is missing. */
export function getAt(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
