import { OmnilinkError } from '../model/errors.js';
import type { AnyColumn, ColumnMerger } from './_kind.js';
import { kindOf } from './_kinds.js';
import type { PreparedRecords } from './prepare-records.js';

/**
 * Joins prepared records part after part, in order (see {@link mergePrepared}): each part is
 * merged as it is added, so shards prepared in parallel can be merged as they arrive instead of
 * all at the end. The result equals `mergePrepared` of the same parts in the same order, value
 * numbering included.
 *
 * @internal
 * @example
 * ```ts
 * const merger = new PreparedMerger();
 * merger.add(prepareRecords(first, fields));
 * merger.add(prepareRecords(second, fields));
 * merger.finish().size; // first.length + second.length
 * ```
 */
export class PreparedMerger {
  private head: PreparedRecords | undefined;
  private parts = 0;
  /** Per distinct column of the head, its merger; `slotOf[field]`: the merger of a field's column. */
  private mergers: ColumnMerger<AnyColumn>[] = [];
  private slotOf: number[] = [];
  /** Per merger, the first field reading its column. */
  private fieldOf: number[] = [];
  private readonly ids: string[] = [];
  private readonly sources: string[] = [];
  private size = 0;

  /**
   * Merge one more part (rows after those of the parts added before).
   *
   * @throws {@link OmnilinkError} `invalid_argument` when the part was prepared with other fields.
   */
  add(part: PreparedRecords): void {
    const head = this.head;
    if (head === undefined) {
      this.head = part;
      this.parts = 1;
      return;
    }
    if (!sameFields(head, part)) throw new OmnilinkError('invalid_argument', 'prepared records to merge must have the same fields');
    if (this.parts === 1) {
      this.start(head);
      this.append(head);
    }
    this.append(part);
    this.parts++;
  }

  /**
   * The merged records: the only part itself when one was added.
   *
   * @throws {@link OmnilinkError} `invalid_argument` when no part was added.
   */
  finish(): PreparedRecords {
    const head = this.head;
    if (head === undefined) throw new OmnilinkError('invalid_argument', 'nothing to merge');
    if (this.parts === 1) return head;
    const merged = this.mergers.map((m) => m.finish());
    const columns = this.slotOf.map((slot) => merged[slot] as AnyColumn);
    return { size: this.size, ids: this.ids, sources: this.sources, fields: head.fields, columns };
  }

  private start(head: PreparedRecords): void {
    // Fields sharing a column share the merged column too.
    const slots = new Map<AnyColumn, number>();
    head.columns.forEach((column, k) => {
      let slot = slots.get(column);
      if (slot === undefined) {
        const field = head.fields[k];
        if (field === undefined) throw new OmnilinkError('invalid_argument', 'malformed prepared records');
        slot = this.mergers.length;
        slots.set(column, slot);
        this.mergers.push(kindOf(field.type).merger());
        this.fieldOf.push(k);
      }
      this.slotOf.push(slot);
    });
  }

  private append(part: PreparedRecords): void {
    this.mergers.forEach((m, slot) => m.add(part.columns[this.fieldOf[slot] ?? 0] as AnyColumn));
    const ids = this.ids;
    const sources = this.sources;
    for (let r = 0; r < part.ids.length; r++) ids.push(part.ids[r] as string);
    for (let r = 0; r < part.sources.length; r++) sources.push(part.sources[r] as string);
    this.size += part.size;
  }
}

function sameFields(a: PreparedRecords, b: PreparedRecords): boolean {
  return (
    a.fields.length === b.fields.length &&
    a.fields.every((f, k) => {
      const g = b.fields[k];
      return g !== undefined && f.name === g.name && f.type === g.type && f.source === g.source;
    })
  );
}
