import type { Channel } from '../model/channel.js';

/** How a person used one channel. */
export interface TimelineChannelStats {
  readonly channel: Channel;
  readonly inbound: number;
  readonly outbound: number;
  readonly total: number;
  readonly firstAt: string;
  readonly lastAt: string;
  /** The last message the person sent on it. */
  readonly lastInboundAt?: string;
  /** Recency-weighted count of the person's own messages on it (auto-replies and bounces excluded). */
  readonly preference: number;
  /**
   * The person's identifiers on this channel that opted out and have not opted back in (an SMS
   * STOP, blocking a Telegram bot, unfollowing a LINE account: `identity_change` events
   * `unfollowed` / `followed`, the latest per identifier), with when. Absent when none did.
   */
  readonly optedOut?: readonly TimelineOptOut[];
}

/** An identifier that opted out of a channel. */
export interface TimelineOptOut {
  /** The identifier's key (`phone:+5511…`). */
  readonly identifier: string;
  readonly at: string;
}

/** A person's channel-usage summary. */
export interface TimelineChannelUsage {
  readonly personId: string;
  /** Channels in order of first contact. */
  readonly channels: readonly Channel[];
  /** One row per channel, in order of first contact. */
  readonly byChannel: readonly TimelineChannelStats[];
  readonly messageCount: number;
  readonly firstContactAt?: string;
  readonly lastContactAt?: string;
  /**
   * The channel the person writes on most, recently: the highest `preference`, where each inbound
   * message weighs `0.5 ^ (age / halfLife)`. Ties go to the most recent inbound, then the channel
   * name. A channel on which every identifier the person used opted out is never preferred. Absent
   * when the person never wrote (or opted out wherever they did).
   */
  readonly preferredChannel?: Channel;
}

/** Options of `TimelineStore.channelUsage`. */
export interface ChannelUsageOptions {
  /** The moment ages are measured from (ISO-8601). @defaultValue the person's last message time (keeps the summary a pure function of the data) */
  readonly now?: string;
  /** Half-life of a message's weight, in days. @defaultValue 30 */
  readonly halfLifeDays?: number;
}
