// The sorted list of one person's entries (or of the unassigned bucket).

import type { Entry } from './_entry.js';
import { compareOrder, upperBound } from './_order.js';

/** Above this size an out-of-order insert marks the list unsorted instead of splicing. */
const SPLICE_LIMIT = 512;

export class PersonTimeline {
  readonly id: string;
  private items: Entry[] = [];
  private sorted = true;
  /** Bumped on every change; caches derived from the entries compare it. */
  version = 0;
  /** Cached derived data (conversations) and the version it was computed at. */
  cache: unknown = undefined;
  cacheVersion = -1;

  constructor(id: string) {
    this.id = id;
  }

  get size(): number {
    return this.items.length;
  }

  /** Add an entry: appended when in order, spliced into place when small, else sorted lazily. */
  insert(e: Entry, bulk: boolean): void {
    this.version++;
    const items = this.items;
    const n = items.length;
    if (bulk) {
      // Batch build: sort once at the end (one sort of a short list beats touching the last entry now).
      items.push(e);
      if (n > 0) this.sorted = false;
      return;
    }
    if (n === 0 || (this.sorted && compareOrder(items[n - 1] as Entry, e) < 0)) {
      items.push(e);
      return;
    }
    if (!this.sorted || n >= SPLICE_LIMIT) {
      items.push(e);
      this.sorted = false;
      return;
    }
    items.splice(upperBound(items, e), 0, e);
  }

  remove(e: Entry): void {
    const i = this.items.indexOf(e);
    if (i < 0) return;
    this.version++;
    this.items.splice(i, 1);
  }

  /**
   * The list itself, for the batch build to append to (then it calls `appended`). The array is
   * never replaced, so a reference stays valid for the life of the timeline.
   */
  raw(): Entry[] {
    return this.items;
  }

  /** Entries were appended to `raw()` directly: sort on the next read. */
  appended(): void {
    this.version++;
    if (this.items.length > 1) this.sorted = false;
  }

  /** The entries in timeline order. */
  entries(): readonly Entry[] {
    if (!this.sorted) {
      this.items.sort(compareOrder);
      this.sorted = true;
    }
    return this.items;
  }
}
