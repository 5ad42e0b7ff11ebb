// Computes the channel-usage summary of a person from their sorted entries.

import type { Channel } from '../model/channel.js';
import { OmnilinkError } from '../model/errors.js';
import { type Entry, entryTimeMs } from './_entry.js';
import type { TimelineChannelStats, TimelineChannelUsage, ChannelUsageOptions } from './channel-usage.js';

const DAY_MS = 86_400_000;

interface Row {
  channel: Channel;
  inbound: number;
  outbound: number;
  firstAt: string;
  lastAt: string;
  lastInboundAt: string | undefined;
  preference: number;
}

/** Summarize a person's sorted entries. */
export function summarizeChannelUsage(personId: string, entries: readonly Entry[], options: ChannelUsageOptions | undefined): TimelineChannelUsage {
  const halfLifeDays = options?.halfLifeDays ?? 30;
  if (!(halfLifeDays > 0) || !Number.isFinite(halfLifeDays)) {
    throw new OmnilinkError('invalid_argument', `halfLifeDays must be a positive number, got ${halfLifeDays}`);
  }
  const last = entries[entries.length - 1];
  if (last === undefined) return { personId, channels: [], byChannel: [], messageCount: 0 };
  const nowMs = options?.now !== undefined ? Date.parse(options.now) : entryTimeMs(last);
  if (Number.isNaN(nowMs)) throw new OmnilinkError('invalid_argument', `now is not a date: ${options?.now}`);
  const halfLifeMs = halfLifeDays * DAY_MS;
  const rows = new Map<Channel, Row>();
  for (const e of entries) {
    const m = e.message;
    let row = rows.get(m.channel);
    if (row === undefined) {
      row = { channel: m.channel, inbound: 0, outbound: 0, firstAt: e.at, lastAt: e.at, lastInboundAt: undefined, preference: 0 };
      rows.set(m.channel, row);
    }
    row.lastAt = e.at;
    if (m.direction === 'outbound') {
      row.outbound++;
      continue;
    }
    row.inbound++;
    row.lastInboundAt = e.at;
    if (m.email?.autoReply === true || m.email?.bounce === true) continue;
    const age = Math.max(0, nowMs - entryTimeMs(e));
    row.preference += 0.5 ** (age / halfLifeMs);
  }
  const byChannel: TimelineChannelStats[] = [];
  let best: Row | undefined;
  for (const row of rows.values()) {
    byChannel.push({
      channel: row.channel,
      inbound: row.inbound,
      outbound: row.outbound,
      total: row.inbound + row.outbound,
      firstAt: row.firstAt,
      lastAt: row.lastAt,
      ...(row.lastInboundAt !== undefined ? { lastInboundAt: row.lastInboundAt } : {}),
      preference: row.preference,
    });
    if (row.preference > 0 && (best === undefined || better(row, best))) best = row;
  }
  return {
    personId,
    channels: byChannel.map((r) => r.channel),
    byChannel,
    messageCount: entries.length,
    firstContactAt: (entries[0] as Entry).at,
    lastContactAt: last.at,
    ...(best !== undefined ? { preferredChannel: best.channel } : {}),
  };
}

function better(a: Row, b: Row): boolean {
  if (a.preference !== b.preference) return a.preference > b.preference;
  const la = a.lastInboundAt ?? '';
  const lb = b.lastInboundAt ?? '';
  if (la !== lb) return la > lb;
  return a.channel < b.channel;
}
