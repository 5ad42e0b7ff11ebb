// Watermark receipts of one conversation (Messenger/Instagram: "delivered / read up to T"), indexed
// so that reading an entry's status is a binary search per status, not a scan of every receipt:
// a long conversation with a receipt per read made each timeline read quadratic.

import type { MessageStatus } from '../model/message.js';
import type { StatusEvent } from '../model/message-event.js';
import { canonicalInstant } from '../internal/instant.js';
import { statusRank } from './status-order.js';

/** What the watermarks of one status say about a message sent at some instant. */
export interface WatermarkReach {
  readonly status: MessageStatus;
  readonly rank: number;
  /** The earliest report (canonical occurredAt) of a watermark at or after the message. */
  readonly at: string;
}

interface StatusMarks {
  readonly status: MessageStatus;
  readonly rank: number;
  /** Canonical watermarks, ascending. */
  readonly marks: string[];
  /** From each position on, the earliest canonical occurredAt. */
  readonly earliest: string[];
}

export class WatermarkIndex {
  private readonly byStatus: StatusMarks[] = [];

  constructor(receipts: readonly StatusEvent[]) {
    const groups = new Map<MessageStatus, [mark: string, at: string][]>();
    for (const w of receipts) {
      let list = groups.get(w.status);
      if (list === undefined) groups.set(w.status, (list = []));
      list.push([canonicalInstant(w.watermark as string), canonicalInstant(w.occurredAt)]);
    }
    for (const [status, list] of groups) {
      list.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      const earliest = new Array<string>(list.length);
      for (let i = list.length - 1; i >= 0; i--) {
        const at = list[i]![1];
        earliest[i] = i + 1 < list.length && earliest[i + 1]! < at ? earliest[i + 1]! : at;
      }
      this.byStatus.push({ status, rank: statusRank(status), marks: list.map((x) => x[0]), earliest });
    }
  }

  /** Per status, whether a watermark reaches a message sent at canonical instant `at`, and since when. */
  reaching(at: string): WatermarkReach[] {
    const out: WatermarkReach[] = [];
    for (const s of this.byStatus) {
      // The first watermark at or after `at`.
      let lo = 0;
      let hi = s.marks.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (s.marks[mid]! < at) lo = mid + 1;
        else hi = mid;
      }
      if (lo < s.marks.length) out.push({ status: s.status, rank: s.rank, at: s.earliest[lo]! });
    }
    return out;
  }
}
