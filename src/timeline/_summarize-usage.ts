// Computes the channel-usage summary of a person from their sorted entries (with the channels the
// person opted out of, when the store knows of opt-outs).

import type { Channel } from '../model/channel.js';
import { OmnilinkError } from '../model/errors.js';
import { type Entry, entryTimeMs } from './_entry.js';
import type { TimelineChannelStats, TimelineChannelUsage, ChannelUsageOptions, TimelineOptOut } from './channel-usage.js';
import { PERSON_KEY_PREFIX } from './identity-map.js';

/** When an identifier opted out of a channel and has not opted back in, else undefined. */
export type OptedOutAt = (identifierKey: string, channel: Channel) => string | undefined;

const DAY_MS = 86_400_000;

interface Row {
  channel: Channel;
  inbound: number;
  outbound: number;
  firstAt: string;
  lastAt: string;
  lastInboundAt: string | undefined;
  preference: number;
  /** The customer identifier keys of its messages. */
  keys: Set<string>;
}

/** Summarize a person's sorted entries. */
export function summarizeChannelUsage(personId: string, entries: readonly Entry[], options: ChannelUsageOptions | undefined, optedOutAt: OptedOutAt = () => undefined): TimelineChannelUsage {
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
      row = { channel: m.channel, inbound: 0, outbound: 0, firstAt: e.at, lastAt: e.at, lastInboundAt: undefined, preference: 0, keys: new Set() };
      rows.set(m.channel, row);
    }
    row.lastAt = e.at;
    for (const k of e.keys) if (!k.startsWith(PERSON_KEY_PREFIX)) row.keys.add(k);
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
    const optedOut: TimelineOptOut[] = [];
    for (const identifier of [...row.keys].sort()) {
      const at = optedOutAt(identifier, row.channel);
      if (at !== undefined) optedOut.push({ identifier, at });
    }
    const reachable = optedOut.length === 0 || optedOut.length < row.keys.size;
    byChannel.push({
      channel: row.channel,
      inbound: row.inbound,
      outbound: row.outbound,
      total: row.inbound + row.outbound,
      firstAt: row.firstAt,
      lastAt: row.lastAt,
      ...(row.lastInboundAt !== undefined ? { lastInboundAt: row.lastInboundAt } : {}),
      preference: row.preference,
      ...(optedOut.length > 0 ? { optedOut } : {}),
    });
    if (reachable && row.preference > 0 && (best === undefined || better(row, best))) best = row;
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
