import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './_run.js';

const envelopes = fileURLToPath(new URL('../../demo/data/envelopes.jsonl', import.meta.url));

interface Line {
  personId: string | null;
  identities: { key: string }[];
  conversations: { channels: string[] }[];
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
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });
});
