import type { Channel, Provider } from './channel.js';
import type { ContactRecord } from './contact-record.js';
import type { Issue } from './issue.js';
import type { Message } from './message.js';
import type { MessageEvent } from './message-event.js';

/**
 * A part of a delivery that omnilink does not model (an unknown event kind, a provider feature not
 * yet supported). It is kept with its raw payload so nothing is silently dropped.
 */
export interface UnsupportedItem {
  readonly provider: Provider;
  readonly channel?: Channel;
  /** The provider's name for it (`"account_update"`, `"optin"`, `"beacon"`, ...). */
  readonly kind: string;
  /** Why it is unsupported. */
  readonly reason: string;
  /** Where in the delivery it sat, e.g. `["entry", 0, "changes", 1]`. */
  readonly path: readonly (string | number)[];
  readonly raw: unknown;
}

/** Everything one webhook delivery (or one email) turned into. */
export interface NormalizedBatch {
  readonly records: readonly ContactRecord[];
  readonly messages: readonly Message[];
  readonly events: readonly MessageEvent[];
  readonly unsupported: readonly UnsupportedItem[];
  /** Parts of the delivery that were malformed; the rest of the delivery was still normalized. */
  readonly issues: readonly Issue[];
}
