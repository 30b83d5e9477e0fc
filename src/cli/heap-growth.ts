// V8 lets the old generation grow to about twice what survived its last full collection before it collects again.
// A review's checks allocate much that lives a little while (validation results, indexes, messages) and is
// promoted, so a review of 100,000 objects carried some 200 MiB of such garbage at its peak. A smaller growth
// factor collects it sooner (decision 0046).
import { setFlagsFromString } from 'node:v8';

/** From now on the old generation grows by at most a quarter between full collections. */
export function boundHeapGrowth(): void {
  // A heuristic V8 reads each time it sets the next limit: changing it while running alters only when it collects.
  // Set before the objects are read: the limit after the last collection while reading is the one checks meet.
  setFlagsFromString('--heap-growing-percent=25');
}
