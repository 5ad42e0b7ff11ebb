// A date that does not exist (30 February, 31 April, 24:00, a 60th second) is not a time. Date.parse
// rolls it over in silence (30 Feb 2025 -> 2 March), which made a message two days late with no
// issue. The caller's receivedAt is an argument of the delivery: a failed Result at ['receivedAt'],
// as any other unreadable receivedAt. A time inside a payload is an unreadable time of that adapter:
// receivedAt stands in and an invalid_value issue names the field.
import { describe, expect, it } from 'vitest';
import { recordFromRow } from '../../src/channels/contact-row.js';
import { normalizeEmailMessage } from '../../src/channels/email.js';
import { normalizeDelivery } from '../../src/channels/normalize-delivery.js';
import { normalizeTwilioWebhook } from '../../src/channels/twilio.js';
import { toIsoTime } from '../../src/channels/_time.js';
import { CHANNEL_ADAPTERS } from '../../src/channels/registry.js';

const RECEIVED = '2025-03-05T08:00:00.000Z';
const SMS = { MessageSid: 'SM1', AccountSid: 'AC1', From: '+15551234567', To: '+15005550006', Body: 'hello', NumMedia: '0' };

describe('a day or time of day that does not exist is not a time', () => {
  it('toIsoTime refuses it in every form it reads, and still reads the days that exist', () => {
    for (const impossible of [
      '2025-02-30T12:00:00Z',
      '2025-02-30T12:00:00.000Z',
      '2025-02-29',
      '2025-02-29T10:00',
      '2025-04-31T10:00:00+02:00',
      '2025-01-01T24:00:00Z',
      '2025-01-01 23:59:60',
      'Sun, 30 Feb 2025 10:00:00 +0000',
      '30 February 2025 10:00 GMT',
      'Thu Feb 29 2025 10:00:00 GMT+0000 (Coordinated Universal Time)',
      '29 Feb 25 10:00 GMT',
      '31 Apr 2025 10:00 +0000',
      '1 Jan 2025 24:00:00 GMT',
      'Sat, 1 Feb 2025 23:59:60 +0000',
      '2/30/2025 10:00 GMT',
    ]) {
      expect(toIsoTime(impossible), impossible).toBeUndefined();
    }
    for (const [written, iso] of [
      ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
      ['2024-02-29', '2024-02-29T00:00:00.000Z'],
      ['2000-02-29T00:00:00+01:00', '2000-02-28T23:00:00.000Z'],
      ['Thu, 29 Feb 2024 10:00:00 +0000', '2024-02-29T10:00:00.000Z'],
      ['29 Feb 24 10:00 GMT', '2024-02-29T10:00:00.000Z'],
      ['Fri, 28 Feb 2025 23:59:59 -0300 (BRT)', '2025-03-01T02:59:59.000Z'],
      ['Thu Feb 29 2024 10:00:00 GMT+0200 (Eastern European Standard Time)', '2024-02-29T08:00:00.000Z'],
      ['Tuesday, 1-Jul-03 10:52:37 GMT', '2003-07-01T10:52:37.000Z'],
    ] as const) {
      expect(toIsoTime(written), written).toBe(iso);
    }
  });

  it('a receivedAt that does not exist fails the delivery at receivedAt, as an unreadable one does, through normalizeDelivery and every adapter', async () => {
    const bad = { success: false, issues: [{ code: 'invalid_value', path: ['receivedAt'] }] };
    for (const receivedAt of ['2025-02-30T12:00:00Z', '2025-02-29', 'Sun, 30 Feb 2025 10:00:00 +0000', '2025-01-01T24:00:00Z']) {
      expect(await normalizeDelivery({ provider: 'twilio', receivedAt, body: SMS }), receivedAt).toMatchObject(bad);
      expect(await normalizeDelivery({ provider: 'email', receivedAt, raw: 'From: a@example.com\r\n\r\nhi\r\n' }), receivedAt).toMatchObject(bad);
      for (const adapter of CHANNEL_ADAPTERS) expect(adapter.normalize({}, { receivedAt }), `${adapter.provider} ${receivedAt}`).toMatchObject(bad);
    }
    // Still read: a leap day.
    const leap = await normalizeDelivery({ provider: 'twilio', receivedAt: '2024-02-29T12:00:00Z', body: SMS });
    expect(leap.success && leap.data.messages[0]!.receivedAt).toBe('2024-02-29T12:00:00.000Z');
  });

  it('an email Date that does not exist gives receivedAt and an invalid_value issue naming the header', async () => {
    const raw = ['From: a@example.com', 'To: s@shop.example', 'Subject: x', 'Date: Sun, 30 Feb 2025 10:00:00 +0000', 'Message-ID: <d@x>', '', 'hello', ''].join('\r\n');
    const r = await normalizeEmailMessage(raw, { receivedAt: RECEIVED });
    expect(r.success && r.data.messages[0]!.occurredAt).toBe(RECEIVED);
    expect(r.success && r.data.issues).toEqual([{ code: 'invalid_value', path: ['Date'], message: 'email: unreadable Date (no zone, or a day or time that does not exist); receivedAt used instead' }]);
  });

  it('a Twilio Timestamp that does not exist (or cannot be read) gives receivedAt and an invalid_value issue; a readable one is read', () => {
    const status = { MessageSid: 'SM2', AccountSid: 'AC1', From: '+15005550006', To: '+15551234567', MessageStatus: 'sent' };
    const call = { CallSid: 'CA1', AccountSid: 'AC1', From: '+15551234567', To: '+15005550006', Direction: 'inbound', CallStatus: 'ringing' };
    const issue = { code: 'invalid_value', path: ['Timestamp'], message: 'twilio: unreadable Timestamp (no zone, or a day or time that does not exist); receivedAt used instead' };
    for (const Timestamp of ['Sun, 30 Feb 2025 10:00:00 +0000', 'soon']) {
      for (const fields of [status, call]) {
        const r = normalizeTwilioWebhook({ ...fields, Timestamp }, { receivedAt: RECEIVED });
        expect(r.success && [...r.data.events, ...r.data.messages].map((x) => x.occurredAt), Timestamp).toEqual([RECEIVED]);
        expect(r.success && r.data.issues, Timestamp).toEqual([issue]);
      }
    }
    const r = normalizeTwilioWebhook({ ...status, Timestamp: 'Fri, 28 Feb 2025 10:00:00 +0000' }, { receivedAt: RECEIVED });
    expect(r.success && [r.data.events[0]!.occurredAt, r.data.issues]).toEqual(['2025-02-28T10:00:00.000Z', []]);
  });

  it('a contact row whose observed_at does not exist keeps no observedAt and says so', () => {
    const r = recordFromRow({ id: '7', email: 'ana@example.com', updated_at: '2025-02-30 10:00' });
    expect(r.success && r.data.record.observedAt).toBeUndefined();
    expect(r.success && r.data.warnings).toEqual([{ code: 'invalid_format', path: ['updated_at'], message: 'not a date-time with a zone, or a day or time that does not exist (ignored)' }]);
    const ok = recordFromRow({ id: '7', email: 'ana@example.com', updated_at: '2024-02-29 10:00' });
    expect(ok.success && [ok.data.record.observedAt, ok.data.warnings]).toEqual(['2024-02-29T10:00:00.000Z', []]);
  });

  it('a web chat sentAt that does not exist is refused by the event schema', async () => {
    const r = await normalizeDelivery({ provider: 'webchat', receivedAt: RECEIVED, body: { schema: 'omnilink.webchat/v1', type: 'message', sessionId: 's', visitorId: 'v', messageId: 'm', text: 'hi', sentAt: '2025-02-30T10:00:00Z' } });
    expect(r).toMatchObject({ success: false, issues: [{ path: ['sentAt'] }] });
  });
});
