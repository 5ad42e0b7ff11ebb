// Delivery status notifications (RFC 3464) fold into the message they return: a status event targets
// the returned message's Message-ID. The real SES bounce is a fixture; the Postfix, Gmail, delay and
// success notifications below are written after RFC 3464 (section 6 examples) and the layout those
// mailers use (Postfix's "Undelivered Mail Returned to Sender" with text/rfc822-headers, Gmail's
// "Delivery Status Notification (Failure)" with X-Failed-Recipients and the message/rfc822 part).
import { readFileSync } from 'node:fs';
import PostalMime, { addressParser, decodeWords } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { readSimpleEmail } from '../../src/channels/_email-mime.js';
import { normalizeEmailMessage } from '../../src/channels/email.js';
import { normalizeDelivery } from '../../src/channels/normalize-delivery.js';
import type { Identifier } from '../../src/model/identifier.js';
import type { StatusEvent } from '../../src/model/message-event.js';
import { safeParseMessageEvent } from '../../src/model/message-event.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';
import { buildTimeline } from '../../src/timeline/build-timeline.js';

const RECEIVED = '2026-10-05T12:00:30.000Z';
const OWN = ['@acme-shop.example'];

async function run(raw: string | Uint8Array): Promise<NormalizedBatch> {
  const r = await normalizeEmailMessage(raw, { receivedAt: RECEIVED, ownAddresses: OWN });
  if (!r.success) throw new Error(`expected success, got ${JSON.stringify(r.issues)}`);
  expect(r.data.issues).toEqual([]);
  for (const e of r.data.events) expect(safeParseMessageEvent(e).success).toBe(true);
  return r.data;
}

const email = (value: string, observedAt: string): Identifier => ({
  kind: 'email',
  value,
  key: `email:${value.toLowerCase()}`,
  variantKeys: [`email~:${value.toLowerCase()}`],
  verified: false,
  provenance: { channel: 'email', source: 'email', observedAt },
});

const crlf = (lines: readonly string[]): string => `${lines.join('\r\n')}\r\n`;

const ORIGINAL_HEADERS = [
  'Return-Path: <support@acme-shop.example>',
  'Received: from app01.acme-shop.example (app01.acme-shop.example [198.51.100.7])',
  '\tby mail.acme-shop.example (Postfix) with ESMTPSA id 4F2A81C0123',
  '\tfor <ana.souza@oldjob-example.com>; Mon,  5 Oct 2026 12:00:07 +0000 (UTC)',
  'Date: Mon, 05 Oct 2026 12:00:06 +0000',
  'From: ACME Support <support@acme-shop.example>',
  'To: Ana Souza <ana.souza@oldjob-example.com>',
  'Subject: Re: Order #1234',
  'Message-ID: <reply-7@acme-shop.example>',
  'In-Reply-To: <CAin-1@mail.gmail.com>',
  'References: <CAin-1@mail.gmail.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset="UTF-8"',
];

/** The original outbound message (what the DSNs below return). */
const ORIGINAL = crlf([...ORIGINAL_HEADERS.slice(4), '', 'Your order has shipped.']);

const BOUNDARY = '4F2A81C0123.1791201609/mail.acme-shop.example';
function postfix(options: { action?: string; status?: string; returned?: boolean } = {}): string {
  const action = options.action ?? 'failed';
  const status = options.status ?? '5.1.1';
  return crlf([
    'Return-Path: <>',
    'Received: by mail.acme-shop.example (Postfix)',
    '\tid 4F2A81C0124; Mon,  5 Oct 2026 12:00:09 +0000 (UTC)',
    'Date: Mon,  5 Oct 2026 12:00:09 +0000 (UTC)',
    'From: MAILER-DAEMON@mail.acme-shop.example (Mail Delivery System)',
    'Subject: Undelivered Mail Returned to Sender',
    'To: support@acme-shop.example',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    `\tboundary="${BOUNDARY}"`,
    'Content-Transfer-Encoding: 8bit',
    'Message-Id: <20261005120009.4F2A81C0124@mail.acme-shop.example>',
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${BOUNDARY}`,
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mail.acme-shop.example.',
    '',
    "I'm sorry to have to inform you that your message could not",
    "be delivered to one or more recipients. It's attached below.",
    '',
    '<ana.souza@oldjob-example.com>: host mx.oldjob-example.com[203.0.113.5] said:',
    '    550 5.1.1 <ana.souza@oldjob-example.com>: Recipient address rejected: User',
    '    unknown in virtual mailbox table (in reply to RCPT TO command)',
    '',
    `--${BOUNDARY}`,
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mail.acme-shop.example',
    'X-Postfix-Queue-ID: 4F2A81C0123',
    'X-Postfix-Sender: rfc822; support@acme-shop.example',
    'Arrival-Date: Mon,  5 Oct 2026 12:00:07 +0000 (UTC)',
    '',
    'Final-Recipient: rfc822; ana.souza@oldjob-example.com',
    'Original-Recipient: rfc822;ana.souza@oldjob-example.com',
    `Action: ${action}`,
    `Status: ${status}`,
    'Remote-MTA: dns; mx.oldjob-example.com',
    'Diagnostic-Code: smtp; 550 5.1.1 <ana.souza@oldjob-example.com>: Recipient',
    '    address rejected: User unknown in virtual mailbox table',
    '',
    ...(options.returned === false
      ? []
      : [`--${BOUNDARY}`, 'Content-Description: Undelivered Message Headers', 'Content-Type: text/rfc822-headers', '', ...ORIGINAL_HEADERS, '']),
    `--${BOUNDARY}--`,
  ]);
}

const GMAIL_BOUNDARY = '000000000000a1b2c3d4e5f6a7b8';
/** Gmail's bounce of a message to two recipients: one address does not exist, the other is delayed. */
const GMAIL = crlf([
  'Delivered-To: support@acme-shop.example',
  'Return-Path: <>',
  'X-Failed-Recipients: ana.souza@oldjob-example.com',
  'Auto-Submitted: auto-replied',
  'From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
  'To: support@acme-shop.example',
  'References: <out-9@acme-shop.example>',
  'In-Reply-To: <out-9@acme-shop.example>',
  'Subject: Delivery Status Notification (Failure)',
  'Message-ID: <5f7a0c1e.1c69fb81.a1b2.0000.GMR@mx.google.com>',
  'Date: Mon, 05 Oct 2026 05:00:10 -0700 (PDT)',
  'MIME-Version: 1.0',
  `Content-Type: multipart/report; boundary="${GMAIL_BOUNDARY}"; report-type=delivery-status`,
  '',
  `--${GMAIL_BOUNDARY}`,
  'Content-Type: text/plain; charset="UTF-8"',
  '',
  '** Address not found **',
  '',
  "Your message wasn't delivered to ana.souza@oldjob-example.com because the address couldn't be found, or is unable to receive mail.",
  '',
  `--${GMAIL_BOUNDARY}`,
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; googlemail.com',
  'Received-From-MTA: dns; support@acme-shop.example',
  'Arrival-Date: Mon, 05 Oct 2026 05:00:09 -0700 (PDT)',
  'X-Original-Message-ID: <out-9@acme-shop.example>',
  '',
  'Final-Recipient: rfc822; ana.souza@oldjob-example.com',
  'Action: failed',
  'Status: 5.1.1',
  'Remote-MTA: dns; mx.oldjob-example.com. (203.0.113.5, the server for the domain oldjob-example.com.)',
  'Diagnostic-Code: smtp; 550 5.1.1 The email account that you tried to reach does not exist.',
  'Last-Attempt-Date: Mon, 05 Oct 2026 05:00:10 -0700 (PDT)',
  '',
  'Final-Recipient: rfc822; <ops@partner.example>',
  'Action: delayed',
  'Status: 4.4.7',
  'Will-Retry-Until: Tue, 06 Oct 2026 05:00:09 -0700 (PDT)',
  '',
  `--${GMAIL_BOUNDARY}`,
  'Content-Type: message/rfc822',
  '',
  'Date: Mon, 05 Oct 2026 12:00:08 +0000',
  'From: ACME Support <support@acme-shop.example>',
  'To: ana.souza@oldjob-example.com, ops@partner.example',
  'Subject: Your invoice',
  'Message-ID: <out-9@acme-shop.example>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset="UTF-8"',
  '',
  'Invoice attached.',
  '',
  `--${GMAIL_BOUNDARY}--`,
]);

describe('a delivery status notification is a status event on the message it returns', () => {
  it('mailparser-ses-delivery-status-bounce.eml (real SES bounce): failed, on the returned Message-ID, with Status and Diagnostic-Code', async () => {
    const raw = readFileSync(new URL('../fixtures/channel-payloads/email/mailparser-ses-delivery-status-bounce.eml', import.meta.url));
    const b = await run(raw);
    const at = '2021-02-16T00:57:06.000Z';
    // The DSN is the returned message's status, not a message of its own.
    expect(b.messages).toEqual([]);
    const [event, ...rest] = b.events;
    expect(rest).toEqual([]);
    const { id, ...fields } = event as StatusEvent;
    expect(id).toMatch(/^email:sha256:[0-9a-f]{64}$/);
    expect(fields).toEqual({
      channel: 'email',
      provider: 'email',
      conversationId: 'email:thread:xxxxxx@email.amazonses.com',
      occurredAt: at,
      receivedAt: RECEIVED,
      actor: [{ ...email('xxxx@xxxx.com', at), generic: true }], // 'xxxx' is a placeholder local part
      type: 'status',
      status: 'failed',
      targetMessageId: 'xxxxx@email.amazonses.com',
      error: {
        code: '5.1.1',
        detail:
          'Amazon SES did not send the message to this address because it is on the suppression list for your account. For more information about removing addresses from the suppression list, see the Amazon SES Developer Guide at https://docs.aws.amazon.com/ses/latest/DeveloperGuide/sending-email-suppression-list.html',
      },
      extra: {
        bounceAction: 'failed',
        bounceStatus: '5.1.1',
        bounceDiagnostic:
          'Amazon SES did not send the message to this address because it is on the suppression list for your account. For more information about removing addresses from the suppression list, see the Amazon SES Developer Guide at https://docs.aws.amazon.com/ses/latest/DeveloperGuide/sending-email-suppression-list.html',
        bouncedRecipients: 'xxxx@xxxx.com',
        bouncedMessageId: 'xxxxx@email.amazonses.com',
        deliveredTo: 'xxxxx@gmail.com',
      },
    });
    // A redelivered DSN is the same event.
    expect((await run(raw)).events.map((e) => e.id)).toEqual([id]);
  });

  it('Postfix: the returned headers (text/rfc822-headers) name the message; the folded Diagnostic-Code is unfolded', async () => {
    const original = await run(ORIGINAL);
    const b = await run(postfix());
    const at = '2026-10-05T12:00:09.000Z';
    expect(b.messages).toEqual([]);
    expect(b.records).toEqual([]);
    expect(b.events[0]!.extra).toMatchObject({ bounceAction: 'failed', bounceStatus: '5.1.1', bouncedRecipients: 'ana.souza@oldjob-example.com', bouncedMessageId: 'reply-7@acme-shop.example' });
    expect(b.events).toEqual([
      {
        id: b.events[0]!.id,
        channel: 'email',
        provider: 'email',
        conversationId: 'email:thread:CAin-1@mail.gmail.com',
        occurredAt: at,
        receivedAt: RECEIVED,
        actor: [email('ana.souza@oldjob-example.com', at)],
        type: 'status',
        status: 'failed',
        // Exactly the original's email.messageId.
        targetMessageId: original.messages[0]!.email!.messageId,
        error: { code: '5.1.1', detail: 'smtp; 550 5.1.1 <ana.souza@oldjob-example.com>: Recipient address rejected: User unknown in virtual mailbox table' },
        extra: b.events[0]!.extra,
      },
    ]);
    expect(original.messages[0]!.email!.messageId).toBe('reply-7@acme-shop.example');
  });

  it('Gmail, two recipients: failed for the one whose Action is failed (and X-Failed-Recipients), not for the delayed one', async () => {
    const b = await run(GMAIL);
    const at = '2026-10-05T12:00:10.000Z';
    expect(b.messages).toEqual([]);
    // Every recipient the DSN names, the delayed one too, stays with the event.
    expect(b.events.map((e) => [e.conversationId, e.extra?.['bouncedRecipients']])).toEqual([['email:thread:out-9@acme-shop.example', 'ana.souza@oldjob-example.com, ops@partner.example']]);
    expect(b.events.map((e) => (e.type === 'status' ? [e.status, e.targetMessageId, e.occurredAt, e.actor.map((a) => a.value), e.error] : []))).toEqual([
      ['failed', 'out-9@acme-shop.example', at, ['ana.souza@oldjob-example.com'], { code: '5.1.1', detail: 'smtp; 550 5.1.1 The email account that you tried to reach does not exist.' }],
    ]);
  });

  it('a delay notification is no status (the message may still arrive); a success notification is delivered', async () => {
    const delayed = await run(postfix({ action: 'delayed', status: '4.4.1' }));
    expect([delayed.messages.map((m) => m.email?.bounce), delayed.events]).toEqual([[true], []]);
    const relayed = await run(postfix({ action: 'relayed', status: '2.0.0' }));
    expect(relayed.events).toEqual([]);
    const delivered = await run(postfix({ action: 'Delivered', status: '2.0.0' }));
    expect(delivered.events.map((e) => (e.type === 'status' ? [e.status, e.targetMessageId, e.actor.map((a) => a.value), e.error?.code] : []))).toEqual([
      ['delivered', 'reply-7@acme-shop.example', ['ana.souza@oldjob-example.com'], '2.0.0'],
    ]);
  });

  it('a DSN whose returned message cannot be read is a bounce message as before, with no event', async () => {
    const b = await run(postfix({ returned: false }));
    expect(b.events).toEqual([]);
    expect(b.messages.map((m) => [m.email?.bounce, m.extra?.['bouncedMessageId'], m.extra?.['bounceAction']])).toEqual([[true, undefined, 'failed']]);
    // X-Failed-Recipients alone (no report parts): nothing names the returned message.
    const plain = await run(
      crlf(['From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>', 'To: support@acme-shop.example', 'X-Failed-Recipients: ana.souza@oldjob-example.com', 'Subject: Delivery Status Notification (Failure)', 'Date: Mon, 05 Oct 2026 12:00:10 +0000', 'Message-ID: <b1@mx.google.com>', '', 'Address not found']),
    );
    expect([plain.messages.map((m) => m.email?.bounce), plain.events]).toEqual([[true], []]);
  });

  it('an ordinary email, even a reply quoting a DSN, gives no event', async () => {
    const b = await run(crlf(['From: Ana <ana.souza@gmail.com>', 'To: support@acme-shop.example', 'Subject: Re: Delivery Status Notification', 'Date: Mon, 05 Oct 2026 12:00:10 +0000', 'Message-ID: <q1@mail.gmail.com>', '', 'Action: failed', 'Final-Recipient: rfc822; x@y.example']));
    expect([b.messages.map((m) => m.email?.bounce), b.events]).toEqual([[false], []]);
  });

  it('the synchronous MIME reader gives postal-mime\'s result for these DSNs (or declines them)', async () => {
    const mime = { addressParser, decodeWords };
    const options = { attachmentEncoding: 'arraybuffer', maxNestingDepth: 50, maxHeadersSize: 1_000_000 } as const;
    const show = (e: unknown): string => JSON.stringify(e, (_k, v: unknown) => (v instanceof ArrayBuffer ? [...new Uint8Array(v)] : v));
    for (const raw of [postfix(), postfix({ returned: false }), GMAIL]) {
      const fast = readSimpleEmail(raw, mime);
      if (fast !== undefined) expect(show(fast)).toBe(show(await PostalMime.parse(raw, options)));
    }
  });

  it('through normalizeDelivery and the timeline: the original outbound email becomes failed', async () => {
    const batches: NormalizedBatch[] = [];
    for (const raw of [ORIGINAL, postfix()]) {
      const r = await normalizeDelivery({ provider: 'email', receivedAt: RECEIVED, raw }, { ownAddresses: OWN });
      if (!r.success) throw new Error(JSON.stringify(r.issues));
      batches.push(r.data);
    }
    const store = buildTimeline(
      batches.flatMap((b) => b.messages),
      batches.flatMap((b) => b.events),
    );
    const entries = store.unassigned().entries.map((e) => [e.direction, e.providerMessageId, e.status]);
    expect(entries).toContainEqual(['outbound', 'reply-7@acme-shop.example', 'failed']);
  });
});
