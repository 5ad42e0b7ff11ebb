import { grow } from './candidate-index.js';
import type { Link } from './cluster.js';

/**
 * The scored links of the identity graph, per record: each record's links in one array (the order
 * they were made, a replaced link keeping its place), the link object shared by both ends. Far
 * smaller than a map per record, and records hold a handful of links.
 *
 * @internal
 */
export class LinkStore {
  private readonly byRecord = new Map<string, Link[]>();

  /** The link between `a` and `b`, if any. */
  get(a: string, b: string): Link | undefined {
    const list = this.byRecord.get(a);
    if (list === undefined) return undefined;
    for (const link of list) if (link.a === b || link.b === b) return link;
    return undefined;
  }

  /** Links of a record (do not change the store while iterating). */
  of(id: string): readonly Link[] {
    return this.byRecord.get(id) ?? EMPTY;
  }

  /** The records linked to `id`, in link order. */
  others(id: string): string[] {
    return this.of(id).map((link) => (link.a === id ? link.b : link.a));
  }

  /** Set the link between `link.a` and `link.b`, replacing one there (in place). */
  set(link: Link): void {
    this.put(link.a, link.b, link);
    this.put(link.b, link.a, link);
  }

  /** Add a link between two records that have none yet. */
  append(link: Link): void {
    this.push(link.a, link);
    this.push(link.b, link);
  }

  private push(x: string, link: Link): void {
    const list = this.byRecord.get(x);
    this.byRecord.set(x, list === undefined ? [link] : grow(list, link));
  }

  /** Remove the link between `a` and `b`, if any. */
  delete(a: string, b: string): void {
    this.drop(a, b);
    this.drop(b, a);
  }

  /** Remove every link of `id`; returns the records it was linked to, in link order. */
  deleteRecord(id: string): string[] {
    const others = this.others(id);
    for (const other of others) this.drop(other, id);
    this.byRecord.delete(id);
    return others;
  }

  private put(x: string, y: string, link: Link): void {
    const list = this.byRecord.get(x);
    if (list === undefined) {
      this.byRecord.set(x, [link]);
      return;
    }
    for (let i = 0; i < list.length; i++) {
      const l = list[i]!;
      if (l.a === y || l.b === y) {
        list[i] = link;
        return;
      }
    }
    this.byRecord.set(x, grow(list, link));
  }

  private drop(x: string, y: string): void {
    const list = this.byRecord.get(x);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) {
      const l = list[i]!;
      if (l.a === y || l.b === y) {
        if (list.length === 1) this.byRecord.delete(x);
        else list.splice(i, 1);
        return;
      }
    }
  }
}

const EMPTY: readonly Link[] = [];
