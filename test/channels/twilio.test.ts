import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeCallMessages } from '../../src/channels/merge-call-messages.js';
import { normalizeTwilioWebhook, twilioAdapter } from '../../src/channels/twilio.js';
import type { Identifier } from '../../src/model/identifier.js';
import type { Message } from '../../src/model/message.js';
import { safeParseMessage } from '../../src/model/message.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';

const RECEIVED = '2024-05-01T10:00:00.000Z';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/channel-payloads/twilio/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

function run(fields: unknown, receivedAt = RECEIVED): NormalizedBatch {
  const r = normalizeTwilioWebhook(fields, { receivedAt });
  if (!r.success) throw new Error(`expected success, got ${JSON.stringify(r.issues)}`);
  for (const m of r.data.messages) expect(safeParseMessage(m).success).toBe(true);
  return r.data;
}

const prov = (channel: 'sms' | 'whatsapp' | 'voice' | 'messenger', observedAt = RECEIVED) => ({ channel, source: 'twilio', observedAt });
const phone = (value: string, channel: 'sms' | 'whatsapp' | 'voice', key?: string, variantKeys?: string[], observedAt = RECEIVED): Identifier => ({
  kind: 'phone',
  value,
  ...(key !== undefined ? { key } : {}),
  ...(variantKeys !== undefined ? { variantKeys } : {}),
  verified: true,
  provenance: prov(channel, observedAt),
});
// Chatwoot's fixtures use the test-minimal sender "+12345": not a real number, so it is kept without a key.
const shortSender = phone('+12345', 'sms');
const shortSenderIssue = { code: 'too_small', path: ['From'], message: 'twilio: phone "+12345" kept without a key: phone +12345 is too short for its country' };
const shortSenderRecord = { id: 'sms:contact:phone:raw:+12345', channel: 'sms', source: 'twilio', identifiers: [shortSender], observedAt: RECEIVED };

function smsMessage(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'sms:SMxx',
    channel: 'sms',
    provider: 'twilio',
    providerMessageId: 'SMxx',
    conversation: { id: 'sms:chat:MGxxx:phone:raw:+12345', kind: 'private' },
    direction: 'inbound',
    kind: 'text',
    occurredAt: RECEIVED, // Twilio sends no time with inbound messages
    receivedAt: RECEIVED,
    sender: [shortSender],
    recipients: [],
    attachments: [],
    status: 'received',
    extra: { accountSid: 'ACxxx', messagingServiceSid: 'MGxxx' },
    ...overrides,
  };
}

describe('normalizeTwilioWebhook on the fixtures', () => {
  it('sms-text-messaging-service.json: routed by MessagingServiceSid (the conversation is keyed by it)', () => {
    const b = run(fixture('sms-text-messaging-service.json'));
    expect(b.messages).toEqual([smsMessage({ text: 'testing3' })]);
    expect(b.records).toEqual([shortSenderRecord]);
    expect(b.events).toEqual([]);
    expect(b.issues).toEqual([shortSenderIssue]);
  });

  it('sms-text-to-phone-number.json: routed by To (the business number is the recipient)', () => {
    const b = run(fixture('sms-text-to-phone-number.json'));
    expect(b.messages).toEqual([
      smsMessage({
        text: 'testing3',
        conversation: { id: 'sms:chat:phone:raw:+1234567890:phone:raw:+12345', kind: 'private' },
        recipients: [phone('+1234567890', 'sms')],
        extra: { accountSid: 'ACxxx' },
      }),
    ]);
    expect(b.issues.map((i) => i.path)).toEqual([['From'], ['To']]);
  });

  it('sms-body-with-null-bytes.json: NULs are removed from the text and reported', () => {
    const b = run(fixture('sms-body-with-null-bytes.json'));
    expect(b.messages).toEqual([smsMessage({ text: 'remove null bytes' })]);
    expect(b.issues).toEqual([shortSenderIssue, { code: 'invalid_value', path: ['Body'], message: 'twilio: removed 2 NUL characters from the text' }]);
  });

  it('sms-no-body.json: an empty SMS is a text message without text', () => {
    const b = run(fixture('sms-no-body.json'));
    expect(b.messages).toEqual([smsMessage({})]);
    expect(b.messages[0]).not.toHaveProperty('text');
  });

  it('mms-two-media-items.json: both media, in order, with their types', () => {
    const b = run(fixture('mms-two-media-items.json'));
    expect(b.messages).toEqual([
      smsMessage({
        kind: 'media',
        text: 'testing multiple media',
        attachments: [
          { type: 'image', url: 'https://chatwoot-assets.local/sample.png', mimeType: 'image/png' },
          { type: 'image', url: 'https://chatwoot-assets.local/sample.jpg', mimeType: 'image/jpeg' },
        ],
      }),
    ]);
  });

  it('whatsapp-location-no-body.json: a location without text (channel sms: the minimal fixture has no whatsapp: prefix)', () => {
    const b = run(fixture('whatsapp-location-no-body.json'));
    expect(b.messages).toEqual([
      smsMessage({
        kind: 'location',
        location: { latitude: 12.160894393921, longitude: 75.265205383301 },
        extra: { accountSid: 'ACxxx', messagingServiceSid: 'MGxxx', messageType: 'location' },
      }),
    ]);
  });

  it('whatsapp-brazil-old-12-digit.json: old 12-digit number keyed with the ninth digit, old form kept as a variant', () => {
    const b = run(fixture('whatsapp-brazil-old-12-digit.json'));
    const sender = phone('whatsapp:+554188887777', 'whatsapp', 'phone:+5541988887777', ['phone:+554188887777']);
    expect(b.messages).toEqual([
      {
        id: 'whatsapp:SMxx',
        channel: 'whatsapp',
        provider: 'twilio',
        providerMessageId: 'SMxx',
        conversation: { id: 'whatsapp:chat:MGxxx:phone:+5541988887777', kind: 'private' },
        direction: 'inbound',
        kind: 'text',
        occurredAt: RECEIVED,
        receivedAt: RECEIVED,
        sender: [sender],
        senderName: 'João Silva',
        recipients: [],
        text: 'Test message from Brazil',
        attachments: [],
        status: 'received',
        extra: { accountSid: 'ACxxx', messagingServiceSid: 'MGxxx' },
      },
    ]);
    expect(b.records).toEqual([
      { id: 'whatsapp:contact:phone:+5541988887777', channel: 'whatsapp', source: 'twilio', identifiers: [sender], name: { full: 'João Silva' }, observedAt: RECEIVED },
    ]);
    expect(b.issues).toEqual([]);
  });

  it('whatsapp-argentina-549.json: mobile 549 key with the 54 form as a variant', () => {
    const b = run(fixture('whatsapp-argentina-549.json'));
    const sender = phone('whatsapp:+5491123456789', 'whatsapp', 'phone:+5491123456789', ['phone:+541123456789']);
    expect(b.messages).toEqual([
      {
        id: 'whatsapp:SMxx',
        channel: 'whatsapp',
        provider: 'twilio',
        providerMessageId: 'SMxx',
        conversation: { id: 'whatsapp:chat:MGxxx:phone:+5491123456789', kind: 'private' },
        direction: 'inbound',
        kind: 'text',
        occurredAt: RECEIVED,
        receivedAt: RECEIVED,
        sender: [sender],
        senderName: 'Carlos Mendoza',
        recipients: [],
        text: 'Test message from Argentina',
        attachments: [],
        status: 'received',
        extra: { accountSid: 'ACxxx', messagingServiceSid: 'MGxxx' },
      },
    ]);
    expect(b.issues).toEqual([]);
    expect(b.records[0]).toEqual({ id: 'whatsapp:contact:phone:+5491123456789', channel: 'whatsapp', source: 'twilio', identifiers: [sender], name: { full: 'Carlos Mendoza' }, observedAt: RECEIVED });
  });

  it('status-delivered.json: a status event on MessageSid, not a message', () => {
    const b = run(fixture('status-delivered.json'));
    expect(b.messages).toEqual([]);
    expect(b.records).toEqual([]);
    expect(b.events).toEqual([
      {
        type: 'status',
        id: 'sms:SMd560ac79e4a4d36b3ce59f1f50471986:status:delivered',
        channel: 'sms',
        provider: 'twilio',
        occurredAt: RECEIVED,
        receivedAt: RECEIVED,
        actor: [], // the fixture has no To
        status: 'delivered',
        targetMessageId: 'SMd560ac79e4a4d36b3ce59f1f50471986',
      },
    ]);
  });

  it('status-failed-30008.json: failed with the error code and message', () => {
    const b = run(fixture('status-failed-30008.json'));
    expect(b.events).toEqual([
      {
        type: 'status',
        id: 'sms:SMd560ac79e4a4d36b3ce59f1f50471986:status:failed',
        channel: 'sms',
        provider: 'twilio',
        occurredAt: RECEIVED,
        receivedAt: RECEIVED,
        actor: [],
        status: 'failed',
        targetMessageId: 'SMd560ac79e4a4d36b3ce59f1f50471986',
        error: { code: '30008', title: 'Unknown error' },
      },
    ]);
  });

  it('voice-request-signature-vector.json: a voice request with Digits is the call, in progress', () => {
    const b = run(fixture('voice-request-signature-vector.json')['params']);
    const caller = phone('+14158675309', 'voice', 'phone:+14158675309');
    expect(b.messages).toEqual([
      {
        id: 'voice:CA1234567890ABCDE',
        channel: 'voice',
        provider: 'twilio',
        providerMessageId: 'CA1234567890ABCDE',
        conversation: { id: 'voice:call:CA1234567890ABCDE', kind: 'call' },
        direction: 'inbound',
        kind: 'call',
        occurredAt: RECEIVED,
        receivedAt: RECEIVED,
        sender: [caller],
        recipients: [phone('+18005551212', 'voice', 'phone:+18005551212')],
        attachments: [],
        status: 'received',
        call: { status: 'in-progress' },
        extra: { digits: '1234' },
      },
    ]);
    expect(b.records).toEqual([{ id: 'voice:contact:phone:+14158675309', channel: 'voice', source: 'twilio', identifiers: [caller], observedAt: RECEIVED }]);
  });
});

// Hand-made webhooks for documented parameters the fixtures do not cover.
const CALL = {
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  CallSid: 'CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  From: '+14155550100',
  To: '+14155550199',
  Caller: '+14155550100',
  Called: '+14155550199',
  Direction: 'inbound',
  ApiVersion: '2010-04-01',
  FromCity: 'SAN FRANCISCO',
  FromState: 'CA',
  FromCountry: 'US',
};

describe('Twilio voice: one call message per CallSid, folded across callbacks', () => {
  it('ringing request, then the completed status callback: same id; start = Timestamp - CallDuration', () => {
    const ringing = run({ ...CALL, CallStatus: 'ringing' }, '2024-05-01T10:00:00Z').messages[0]!;
    const completed = run(
      { ...CALL, CallStatus: 'completed', CallDuration: '42', Timestamp: 'Wed, 01 May 2024 10:01:00 +0000', CallbackSource: 'call-progress-events', SequenceNumber: '2', RecordingUrl: 'https://api.twilio.com/rec/RE1', RecordingSid: 'RE1' },
      '2024-05-01T10:01:01Z',
    ).messages[0]!;
    expect(completed.id).toBe(ringing.id);
    expect(ringing.call).toEqual({ status: 'ringing' });
    expect(completed.call).toEqual({ status: 'completed', durationSeconds: 42 });
    expect(completed.occurredAt).toBe('2024-05-01T10:00:18.000Z');
    expect(completed.attachments).toEqual([{ type: 'audio', url: 'https://api.twilio.com/rec/RE1', providerId: 'RE1' }]);
    expect(completed.extra).toEqual({ accountSid: CALL.AccountSid, twilioDirection: 'inbound', callbackSource: 'call-progress-events', callbackSequence: '2' });
    const folded = mergeCallMessages(completed, ringing);
    expect(folded).toEqual(mergeCallMessages(ringing, completed));
    expect(folded.call).toEqual({ status: 'completed', durationSeconds: 42 });
    expect(folded.occurredAt).toBe('2024-05-01T10:00:00.000Z');
    expect(folded.receivedAt).toBe('2024-05-01T10:01:01.000Z');
    expect(folded.attachments).toHaveLength(1);
  });

  it('the caller record keeps where the carrier places the number as attributes, not as an address', () => {
    const b = run({ ...CALL, CallStatus: 'ringing', CallerName: 'WIRELESS CALLER' });
    expect(b.records[0]).toMatchObject({ id: 'voice:contact:phone:+14155550100', attributes: { numberCity: 'SAN FRANCISCO', numberState: 'CA', numberCountry: 'US', callerName: 'WIRELESS CALLER' } });
    expect(b.records[0]).not.toHaveProperty('address');
  });

  it('outbound-api call: the business calls, the customer (To) is the recipient; busy -> failed', () => {
    const b = run({ ...CALL, Direction: 'outbound-api', From: '+14155550199', To: '+14155550100', Caller: '+14155550199', Called: '+14155550100', CallStatus: 'busy' });
    const m = b.messages[0]!;
    expect([m.direction, m.status, m.call]).toEqual(['outbound', 'failed', { status: 'busy' }]);
    expect(m.sender.map((i) => i.key)).toEqual(['phone:+14155550199']);
    expect(m.recipients.map((i) => i.key)).toEqual(['phone:+14155550100']);
    expect(b.records[0]!.identifiers.map((i) => i.key)).toEqual(['phone:+14155550100']);
    const ringing = run({ ...CALL, Direction: 'outbound-api', From: '+14155550199', To: '+14155550100', CallStatus: 'ringing' }).messages[0]!;
    expect(ringing.status).toBe('sent');
    expect(mergeCallMessages(m, ringing).status).toBe('failed');
  });

  it('a <Dial> child leg keeps its own id but joins the parent call conversation', () => {
    const m = run({ ...CALL, CallSid: 'CAchild', ParentCallSid: CALL.CallSid, Direction: 'outbound-dial', CallStatus: 'no-answer' }).messages[0]!;
    expect(m.id).toBe('voice:CAchild');
    expect(m.conversation).toEqual({ id: `voice:call:${CALL.CallSid}`, kind: 'call' });
    expect(m.extra?.['parentCallSid']).toBe(CALL.CallSid);
  });

  it('a withheld caller id (Twilio +266696687 = ANONYMOUS) gives no identifier and no record', () => {
    const b = run({ ...CALL, From: '+266696687', Caller: '+266696687', CallStatus: 'ringing' });
    expect(b.messages[0]!.sender).toEqual([]);
    expect(b.messages[0]!.extra?.['callerIdWithheld']).toBe('anonymous');
    expect(b.records).toEqual([]);
  });

  it('Gather speech becomes the text; a recording status callback without parties is unsupported, not a wrong call', () => {
    const speech = run({ ...CALL, CallStatus: 'in-progress', SpeechResult: 'I want to cancel my order', Confidence: '0.9' }).messages[0]!;
    expect(speech.text).toBe('I want to cancel my order');
    const recording = { AccountSid: CALL.AccountSid, CallSid: CALL.CallSid, RecordingSid: 'RE2', RecordingUrl: 'https://api.twilio.com/rec/RE2', RecordingStatus: 'completed', RecordingDuration: '40' };
    const b = run(recording);
    expect(b.messages).toEqual([]);
    expect(b.unsupported).toEqual([
      { provider: 'twilio', channel: 'voice', kind: 'recording_status', reason: `callback without call parties or status; its facts belong to call voice:${CALL.CallSid}`, path: [], raw: recording },
    ]);
  });

  it('mergeCallMessages is commutative and keeps the furthest status whatever the order', () => {
    const statuses = ['queued', 'initiated', 'ringing', 'in-progress', 'completed'] as const;
    const copies: Message[] = statuses.map((s, i) =>
      run({ ...CALL, CallStatus: s, SequenceNumber: String(i), ...(s === 'completed' ? { CallDuration: '10' } : {}) }, `2024-05-01T10:00:0${i}Z`).messages[0]!,
    );
    fc.assert(
      fc.property(fc.shuffledSubarray(copies, { minLength: 2 }), (picked) => {
        const [first, ...rest] = picked;
        const folded = rest.reduce(mergeCallMessages, first!);
        const [last, ...others] = [...picked].reverse();
        const reversed = others.reduce(mergeCallMessages, last!);
        const best = statuses.filter((s) => picked.some((p) => p.call?.status === s)).at(-1);
        expect(folded.call?.status).toBe(best);
        expect(reversed.call?.status).toBe(best);
        expect(folded.occurredAt).toBe(picked.map((p) => p.occurredAt).sort()[0]);
        expect(mergeCallMessages(picked[0]!, picked[1]!)).toEqual(mergeCallMessages(picked[1]!, picked[0]!));
      }),
    );
  });
});

describe('Twilio messaging: documented parameters', () => {
  const WA = {
    MessageSid: 'SM11111111111111111111111111111111',
    SmsMessageSid: 'SM11111111111111111111111111111111',
    SmsSid: 'SM11111111111111111111111111111111',
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    From: 'whatsapp:+5511987654321',
    To: 'whatsapp:+14155238886',
    WaId: '5511987654321',
    ProfileName: 'Ana',
    SmsStatus: 'received',
    NumMedia: '0',
    NumSegments: '1',
    ApiVersion: '2010-04-01',
  };

  it('WhatsApp media with caption, reply context and forwarded flag', () => {
    const b = run({ ...WA, Body: 'see photo', NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/ME1', MediaContentType0: 'image/jpeg', MessageType: 'image', OriginalRepliedMessageSid: 'SM0000', Forwarded: 'true' });
    const m = b.messages[0]!;
    expect(m).toMatchObject({
      id: 'whatsapp:SM11111111111111111111111111111111',
      kind: 'media',
      text: 'see photo',
      attachments: [{ type: 'image', url: 'https://api.twilio.com/media/ME1', mimeType: 'image/jpeg' }],
      replyTo: 'SM0000',
      forwarded: true,
      conversation: { id: 'whatsapp:chat:phone:+14155238886:phone:+5511987654321', kind: 'private' },
    });
    // WaId names the same number as From: one identifier.
    expect(m.sender.map((i) => i.key)).toEqual(['phone:+5511987654321']);
    expect(m.recipients.map((i) => i.key)).toEqual(['phone:+14155238886']);
  });

  it('WhatsApp quick-reply button and click-to-WhatsApp referral', () => {
    const m = run({ ...WA, Body: 'Yes', ButtonText: 'Yes', ButtonPayload: 'confirm_order_42', MessageType: 'button', ReferralSourceUrl: 'https://fb.me/ad', ReferralCtwaClid: 'clid-1' }).messages[0]!;
    expect([m.kind, m.text]).toEqual(['interactive', 'Yes']);
    expect(m.extra).toMatchObject({ buttonPayload: 'confirm_order_42', referralSourceUrl: 'https://fb.me/ad', referralCtwaClid: 'clid-1', messageType: 'button' });
  });

  it('WhatsApp location with label and address', () => {
    const m = run({ ...WA, MessageType: 'location', Latitude: '-23.55', Longitude: '-46.63', Label: 'Loja Paulista', Address: 'Av. Paulista, 1000' }).messages[0]!;
    expect([m.kind, m.location]).toEqual(['location', { latitude: -23.55, longitude: -46.63, name: 'Loja Paulista', address: 'Av. Paulista, 1000' }]);
  });

  it('status callbacks: undelivered is failed; every status names the recipient as actor (whom it concerns)', () => {
    const base = { MessageSid: 'SM22', AccountSid: WA.AccountSid, From: 'whatsapp:+14155238886', To: 'whatsapp:+5511987654321' };
    const undelivered = run({ ...base, MessageStatus: 'undelivered', ErrorCode: '63016' }).events[0]!;
    expect(undelivered).toMatchObject({ type: 'status', status: 'failed', channel: 'whatsapp', targetMessageId: 'SM22', error: { code: '63016' } });
    expect(undelivered.actor.map((i) => i.key)).toEqual(['phone:+5511987654321']);
    const read = run({ ...base, MessageStatus: 'read' }).events[0]!;
    expect(read.type === 'status' && read.status).toBe('read');
    expect(read.actor.map((i) => i.key)).toEqual(['phone:+5511987654321']);
    expect(read.conversationId).toBe('whatsapp:chat:phone:+14155238886:phone:+5511987654321');
    expect(read.id).toBe('whatsapp:SM22:status:read');
    const sent = run({ ...base, MessageStatus: 'sent', Timestamp: 'Wed, 01 May 2024 09:59:00 +0000' }).events[0]!;
    expect([sent.type === 'status' && sent.status, sent.occurredAt]).toEqual(['sent', '2024-05-01T09:59:00.000Z']);
    const odd = run({ ...base, MessageStatus: 'teleported' });
    expect(odd.events).toEqual([]);
    expect(odd.unsupported[0]).toMatchObject({ kind: 'message_status', reason: 'unknown message status "teleported"' });
  });

  it('Messenger through Twilio: a page-scoped user id in the messenger:page:<page> namespace', () => {
    const m = run({ MessageSid: 'SM33', AccountSid: WA.AccountSid, From: 'messenger:1254459154682919', To: 'messenger:1067280970047460', Body: 'hi' }).messages[0]!;
    expect(m.channel).toBe('messenger');
    expect(m.sender.map((i) => i.key)).toEqual(['user_id:messenger:page:1067280970047460:1254459154682919']);
  });

  it('a repeated field (array) uses its first value; a body that is not Twilio fails', () => {
    const m = run({ ...WA, From: ['whatsapp:+5511987654321', 'x'], Body: ['one', 'two'] }).messages[0]!;
    expect(m.text).toBe('one');
    const r = normalizeTwilioWebhook({ hello: 'world' }, { receivedAt: RECEIVED });
    expect(r.success).toBe(false);
    expect(normalizeTwilioWebhook([], { receivedAt: RECEIVED }).success).toBe(false);
  });

  it('a redelivered webhook gives the same message id', () => {
    const a = run(WA, '2024-05-01T10:00:00Z').messages[0]!;
    const b = run(WA, '2024-05-01T10:00:30Z').messages[0]!;
    expect(a.id).toBe(b.id);
  });
});

describe('twilioAdapter.detect', () => {
  it('recognises message, status and call webhooks', () => {
    expect(twilioAdapter.detect(fixture('sms-text-to-phone-number.json'))).toBe(true);
    expect(twilioAdapter.detect(fixture('status-failed-30008.json'))).toBe(true);
    expect(twilioAdapter.detect(CALL)).toBe(true);
    expect(twilioAdapter.detect({ update_id: 1, message: {} })).toBe(false);
    expect(twilioAdapter.provider).toBe('twilio');
  });
});
