/**
 * Appends items one at a time. `target.push(...items)` passes every item as a call argument, and past about 120k
 * items (findings of a large cluster, events of a long describe paste) that overflows the stack.
 */
export function append<T>(target: T[], ...lists: Iterable<T>[]): T[] {
  for (const items of lists) for (const item of items) target.push(item);
  return target;
}
