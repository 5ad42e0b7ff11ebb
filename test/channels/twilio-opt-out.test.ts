// Twilio Advanced Opt-Out (https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out) adds
// OptOutType=STOP|START|HELP to the inbound-message webhook when it recognised a keyword. The consent
// change is legally relevant, and a "stop" inside a sentence is not one: it is kept in
// extra.optOutType, and STOP / START give the identity_change events LINE unfollow / follow give.
import { describe, expect, it } from 'vitest';
import { normalizeTwilioWebhook } from '../../src/channels/twilio.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';

const RECEIVED = '2025-06-01T12:00:00.000Z';
const fields = (extra: Record<string, string>): Record<string, string> => ({
  ToCountry: 'US', SmsMessageSid: 'SM3', NumMedia: '0', SmsSid: 'SM3', SmsStatus: 'received', Body: 'Stop', To: '+14155550100',
  MessagingServiceSid: 'MG1', NumSegments: '1', MessageSid: 'SM3', AccountSid: 'AC1', From: '+14155550111', ApiVersion: '2010-04-01', ...extra,
});

function run(f: Record<string, string>): NormalizedBatch {
  const r = normalizeTwilioWebhook(f, { receivedAt: RECEIVED });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

describe('twilio OptOutType', () => {
  it('STOP: the message keeps extra.optOutType and an unfollowed identity_change names the customer', () => {
    const b = run(fields({ OptOutType: 'STOP' }));
    const m = b.messages[0]!;
    expect(m.extra?.optOutType).toBe('STOP');
    expect(b.events).toEqual([
      {
        id: 'sms:SM3:opt-out:stop',
        channel: 'sms',
        provider: 'twilio',
        conversationId: m.conversation.id,
        occurredAt: RECEIVED,
        receivedAt: RECEIVED,
        actor: m.sender,
        type: 'identity_change',
        change: 'unfollowed',
        previous: m.sender,
        extra: { optOutType: 'STOP' },
      },
    ]);
    expect(m.sender.map((i) => i.key)).toEqual(['phone:+14155550111']);
  });

  it('START gives followed; HELP only extra.optOutType; no OptOutType, no event', () => {
    const start = run(fields({ OptOutType: 'START', Body: 'Start' }));
    expect(start.events.map((e) => (e.type === 'identity_change' ? [e.change, e.current?.length, e.previous] : e.type))).toEqual([['followed', 1, undefined]]);
    const help = run(fields({ OptOutType: 'HELP', Body: 'help' }));
    expect([help.messages[0]?.extra?.optOutType, help.events]).toEqual(['HELP', []]);
    const plain = run(fields({ Body: 'please stop calling me at work' }));
    expect([plain.messages[0]?.extra?.optOutType, plain.events]).toEqual([undefined, []]);
  });
});
