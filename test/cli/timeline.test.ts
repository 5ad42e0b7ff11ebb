import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './_run.js';

const envelopes = fileURLToPath(new URL('../../demo/data/envelopes.jsonl', import.meta.url));

interface Line {
  personId: string | null;
  identities: { key: string }[];
  conversations: { channels: string[] }[];
  records: string[];
  messages: { id: string; channel: string; direction: string; occurredAt: string; text?: string; status: string }[];
}

describe('omnilink timeline', () => {
  it('prints one ordered, deduplicated timeline per person across channels', async () => {
    const r = await cli(['timeline', envelopes, '--default-country', 'BR', '--own-address', '@loja.example', '--quiet']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
    expect(lines.map((l) => l.personId)).toEqual([...lines.map((l) => l.personId)].sort());
    const all = lines.flatMap((l) => l.messages);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length); // redeliveries folded
    for (const l of lines) expect(l.messages.map((m) => m.occurredAt)).toEqual([...l.messages.map((m) => m.occurredAt)].sort());
    // Ana's WhatsApp, call, email and web chat share a phone or an email: one person, four channels.
    const ana = lines.find((l) => l.identities.some((i) => i.key === 'phone:+5511987654321'))!;
    expect(new Set(ana.messages.map((m) => m.channel))).toEqual(new Set(['whatsapp', 'voice', 'email', 'webchat']));
    expect(ana.messages.find((m) => m.channel === 'email' && m.direction === 'outbound')).toBeDefined();
    // Each line names the person's records (how a CRM joins it back), identities first.
    expect(Object.keys(ana)).toEqual(['personId', 'identities', 'records', 'conversations', 'messages']);
    expect(ana.records.length).toBeGreaterThanOrEqual(4);
    expect(ana.records.some((r) => r.startsWith('whatsapp:'))).toBe(true);
    // The family landline's call is nobody's but its own.
    const landline = lines.find((l) => l.identities.some((i) => i.key === 'phone:+551133334444'))!;
    expect(landline.messages.map((m) => m.channel)).toEqual(['voice']);
  });

  it('reports unreadable deliveries by line and still builds the rest', async () => {
    const body = JSON.stringify({ provider: 'telegram', receivedAt: '2026-03-04T16:00:01Z', body: { update_id: 1, message: { message_id: 5, from: { id: 42, is_bot: false, first_name: 'Ana' }, chat: { id: 42, type: 'private' }, date: 1772640000, text: 'oi' } } });
    const r = await cli(['timeline', '-'], `${body}\n{oops\n${JSON.stringify({ provider: 'fax', receivedAt: '2026-03-04T16:00:01Z', body: {} })}\n`);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/line 2: not JSON/);
    expect(r.stderr).toMatch(/line 3: .*provider/);
    expect(r.stderr).toMatch(/1 of 3 deliveries read \(2 rejected\) -> 1 person with messages/);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('infers the business email address when none is given, and says so', async () => {
    const mail = (from: string, to: string, id: string, minute: number, reply?: string): string =>
      JSON.stringify({
        provider: 'email',
        receivedAt: `2026-03-03T13:${minute}:30Z`,
        raw: `From: ${from}\r\nTo: ${to}\r\nSubject: Pedido 991\r\nDate: Tue, 03 Mar 2026 13:${minute}:00 +0000\r\nMessage-ID: <${id}>\r\n${reply !== undefined ? `In-Reply-To: <${reply}>\r\nReferences: <${reply}>\r\n` : ''}Content-Type: text/plain\r\n\r\nmsg ${id}\r\n`,
      });
    const dump = [
      mail('Bruno <bruno.lima@gmail.com>', 'Loja <atendimento@loja.example>', 'b1@gmail', 10),
      mail('Loja <atendimento@loja.example>', 'Bruno <bruno.lima@gmail.com>', 'l1@loja', 20, 'b1@gmail'),
      mail('Bruno <bruno.lima@gmail.com>', 'Loja <atendimento@loja.example>', 'b2@gmail', 30, 'l1@loja'),
    ].join('\n');
    const inferred = await cli(['timeline', '-'], dump);
    expect(inferred.code).toBe(0);
    expect(inferred.stderr).toMatch(/business email addresses \(inferred; set them with --own-address\): atendimento@loja\.example/);
    const lines = inferred.stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
    expect(lines).toHaveLength(1); // the business is nobody's person
    expect(lines[0]!.identities.map((i) => i.key)).toEqual(['email:bruno.lima@gmail.com']);
    expect(lines[0]!.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound', 'inbound']);
    // Turned off, every email reads as inbound and the business's address is a person of its own.
    for (const bad of ['notanemail', 'sales@', '@localhost']) {
      const refused = await cli(['timeline', '-', '--own-address', bad], dump);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`--own-address ${bad}: expected an email address or @domain`);
    }
    const off = await cli(['timeline', '-', '--own-address', 'none'], dump);
    expect(off.stderr).not.toMatch(/inferred/);
    expect(off.stdout.trim().split('\n')).toHaveLength(2);
  });

  it("links a contact list's bare PSID to the page-scoped Messenger sender", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnilink-psid-'));
    const crm = join(dir, 'crm.csv');
    writeFileSync(crm, 'customer_id,full_name,mobile,messenger_psid\nC-1,Rita Lobo,+5521998877665,6543210987654321\n');
    const messenger = JSON.stringify({
      provider: 'messenger',
      receivedAt: '2026-03-02T12:00:01Z',
      body: { object: 'page', entry: [{ id: '777', time: 1772452801000, messaging: [{ sender: { id: '6543210987654321' }, recipient: { id: '777' }, timestamp: 1772452800000, message: { mid: 'm_1', text: 'oi' } }] }] },
    });
    const sms = JSON.stringify({
      provider: 'twilio',
      receivedAt: '2026-03-03T12:00:01Z',
      body: { SmsSid: 'SM11', SmsStatus: 'received', Body: 'sou eu', To: '+551130000000', MessageSid: 'SM11', AccountSid: `AC${'0'.repeat(32)}`, From: '+5521998877665', NumMedia: '0', ApiVersion: '2010-04-01' },
    });
    const r = await cli(['timeline', '-', '--contacts', crm, '--quiet'], `${messenger}\n${sms}\n`);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.messages.map((m) => m.channel)).toEqual(['messenger', 'sms']);
  });

  it("shows a message known only from its status receipts (the business's API answer), and counts events still waiting", async () => {
    const status = JSON.stringify({
      provider: 'twilio',
      receivedAt: '2026-03-03T12:00:30Z',
      body: { SmsSid: 'SM22', SmsStatus: 'delivered', MessageStatus: 'delivered', To: '+5521998877665', MessageSid: 'SM22', AccountSid: `AC${'0'.repeat(32)}`, From: '+551130000000', ApiVersion: '2010-04-01' },
    });
    const sms = JSON.stringify({
      provider: 'twilio',
      receivedAt: '2026-03-03T12:00:01Z',
      body: { SmsSid: 'SM11', SmsStatus: 'received', Body: 'oi', To: '+551130000000', MessageSid: 'SM11', AccountSid: `AC${'0'.repeat(32)}`, From: '+5521998877665', NumMedia: '0', ApiVersion: '2010-04-01' },
    });
    const edit = JSON.stringify({
      provider: 'telegram',
      receivedAt: '2026-03-04T16:00:01Z',
      body: { update_id: 7, edited_message: { message_id: 9, from: { id: 42, is_bot: false, first_name: 'Ana' }, chat: { id: 42, type: 'private' }, date: 1772640000, edit_date: 1772640060, text: 'oi!' } },
    });
    const r = await cli(['timeline', '-'], `${sms}\n${status}\n${edit}\n`);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 outbound message known only from status receipts \(no text\); 1 event waits for a message not in the input/);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
    const customer = lines.find((l) => l.identities.some((i) => i.key === 'phone:+5521998877665'))!;
    expect(customer.messages.map((m) => [m.id, m.direction, m.status, m.text])).toEqual([
      ['sms:SM11', 'inbound', 'received', 'oi'],
      ['sms:SM22', 'outbound', 'delivered', undefined],
    ]);
  });
});
