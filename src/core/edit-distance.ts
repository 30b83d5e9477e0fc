// How far apart two names are, for "did you mean …?" hints: typed field names, check ids, and names and labels
// read from a cluster (a selector app=wbe next to pods labelled app=web).

/**
 * Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b` — the optimal string alignment
 * distance, so the common typo "wbe" for "web" costs 1, not 2. Stops counting past `limit` and returns limit + 1.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidates a person most plausibly meant by `typed`, closest first: within one edit for short names, two for
 * longer ones (a third of the name's length, at most 2), or the same but for letter case. The name itself is
 * never suggested.
 */
export function closestNames(typed: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.min(2, Math.max(1, Math.floor(typed.length / 3)));
  const scored: { name: string; distance: number }[] = [];
  const seen = new Set<string>();
  for (const name of candidates) {
    if (name === typed || seen.has(name)) continue;
    seen.add(name);
    const distance = name.toLowerCase() === typed.toLowerCase() ? 0 : editDistance(typed, name, limit);
    if (distance <= limit) scored.push({ name, distance });
  }
  return scored
    .sort((x, y) => x.distance - y.distance || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
    .slice(0, max)
    .map((s) => s.name);
}
