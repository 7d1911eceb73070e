import type { Viewer } from '../auth/viewer.js';

/**
 * What the quota board reads: the maintained counts ('publications': recording, moving or deleting a
 * publication, categories, the ledger import), the quotas and the working-day calendar ('quotas').
 * Department changes announce every data topic, so they are covered too.
 */
// Topic names as the realtime layer announces them (the domain does not import that layer).
export const QUOTA_BOARD_TOPICS: readonly string[] = ['publications', 'quotas'];

/** Boards kept at most (least recently used first out): periods × `withinId` × scopes × days in use. */
export const QUOTA_BOARD_CACHE_SIZE = 200;

/**
 * Computed quota boards, kept between changes (one cache per server instance). An entry is answered
 * until an invalidation on a topic the board reads arrives — from this instance's own mutation,
 * synchronously after its commit (read-your-writes), or from another instance through the broker —
 * and all entries go then (a publication anywhere may count in any scope's board). A lost broker
 * connection clears it too (`clear`), as the live hub resynchronises.
 *
 * The race: a board computed from a read that began before an invalidation may finish after it;
 * it is handed to its callers but never stored. Each invalidation bumps a generation, and a result
 * is stored only if the generation did not move while it was computed. Concurrent misses of one key
 * share one computation (while the generation holds), so a burst after an invalidation reads once.
 */
export class QuotaBoardCache<T> {
  /** By key; Map order is recency (the first is the least recently used). */
  private readonly entries = new Map<string, T>();
  private readonly pending = new Map<string, { generation: number; promise: Promise<T> }>();
  private generation = 0;

  constructor(private readonly maxEntries = QUOTA_BOARD_CACHE_SIZE) {}

  get size(): number {
    return this.entries.size;
  }

  /** A committed change touched these topics (on this instance or another). */
  invalidate(topics: readonly string[]): void {
    if (topics.some((t) => QUOTA_BOARD_TOPICS.includes(t))) this.clear();
  }

  /** Drops every board; computations under way will not store theirs. */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.pending.clear();
  }

  /** The kept board of `key`, else `compute`'s (stored unless an invalidation came in meanwhile). */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return Promise.resolve(hit);
    }
    const generation = this.generation;
    const running = this.pending.get(key);
    if (running && running.generation === generation) return running.promise;
    const promise = compute().then(
      (value) => {
        if (this.pending.get(key)?.promise === promise) this.pending.delete(key);
        if (generation === this.generation) {
          this.entries.set(key, value);
          if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        }
        return value;
      },
      (error: unknown) => {
        if (this.pending.get(key)?.promise === promise) this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, { generation, promise });
    return promise;
  }
}

/** What a board depends on besides the data: the period, the subtree asked for, the day the pace is measured at, and the viewer's scope. */
export function quotaBoardKey(periodKey: string, withinId: string | null, asOf: string, viewer: Viewer): string {
  const scope = viewer.scope ? [[...viewer.scope.subtreePaths].sort(), [...viewer.scope.exactIds].sort((a, b) => a - b)] : '*';
  return JSON.stringify([periodKey, withinId, asOf, scope]);
}
