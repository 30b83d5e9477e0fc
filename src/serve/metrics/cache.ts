// The exposition rendered once per completed scan; scrapes read the cached text.
import { type Exposition, type ExpositionOptions, renderMetrics } from './exposition.ts';
import type { MetricsSnapshot } from './snapshot.ts';

export class MetricsCache {
  #current: Exposition | undefined;
  readonly #options: ExpositionOptions;
  constructor(options: ExpositionOptions = {}) {
    this.#options = options;
  }
  async update(snapshot: MetricsSnapshot): Promise<Exposition> {
    this.#current = await renderMetrics(snapshot, this.#options);
    return this.#current;
  }
  get current(): Exposition | undefined {
    return this.#current;
  }
}
