import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  OmnilinkError,
  ValidationError,
  parseContactRecord,
  parseMessage,
  safeParseContactRecord,
  safeParseIdentifier,
  safeParseMessage,
  safeParseMessageEvent,
  safeParsePerson,
} from '../../src/index.js';

const message = {
  id: 'whatsapp:wamid.1',
  channel: 'whatsapp',
  provider: 'whatsapp',
  providerMessageId: 'wamid.1',
  conversation: { id: 'whatsapp:chat:+5511987654321', kind: 'private' },
  direction: 'inbound',
  kind: 'text',
  occurredAt: '2024-05-01T10:00:00.000Z',
  receivedAt: '2024-05-01T10:00:01.000Z',
  sender: [{ kind: 'phone', value: '5511987654321', key: 'phone:+5511987654321', verified: true }],
  recipients: [],
  text: 'oi',
  attachments: [],
  status: 'received',
};

describe('model', () => {
  it('lists every channel the issue requires', () => {
    for (const c of ['whatsapp', 'sms', 'voice', 'email', 'messenger', 'instagram', 'telegram', 'line', 'webchat', 'store', 'crm', 'other']) {
      expect(CHANNELS).toContain(c);
    }
  });

  it('accepts a valid contact record and keeps optional fields absent', () => {
    const r = parseContactRecord({ id: 'crm-1', channel: 'crm', identifiers: [{ kind: 'email', value: 'a@b.co', verified: false }] });
    expect(r).toEqual({ id: 'crm-1', channel: 'crm', identifiers: [{ kind: 'email', value: 'a@b.co', verified: false }] });
    expect('name' in r).toBe(false);
  });

  it('reports a missing field with a stable code and path', () => {
    const r = safeParseContactRecord({ channel: 'crm', identifiers: [] });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues[0]).toMatchObject({ code: 'required', path: ['id'] });
  });

  it('reports a nested invalid value with its full path', () => {
    const r = safeParseContactRecord({ id: 'x', channel: 'crm', identifiers: [{ kind: 'fax', value: '1', verified: true }] });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues[0]).toMatchObject({ code: 'invalid_value', path: ['identifiers', 0, 'kind'] });
  });

  it('rejects a record id holding the NUL character (the resolver\'s pair keys and snapshots separate ids with it)', () => {
    const r = safeParseContactRecord({ id: 'crm-1\u0000x', channel: 'crm', identifiers: [] });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]).toMatchObject({ code: 'invalid_value', path: ['id'] });
  });

  it('rejects unknown keys instead of silently dropping them', () => {
    const r = safeParseIdentifier({ kind: 'email', value: 'a@b.co', verified: false, extra: 1 });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues[0].code).toBe('unrecognized_keys');
  });

  it('rejects an empty identifier value', () => {
    const r = safeParseIdentifier({ kind: 'email', value: '', verified: false });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues[0]).toEqual({ code: 'too_small', path: ['value'], message: 'must not be empty' });
  });

  it('writes its own readable messages (zod/mini ships none)', () => {
    const r = safeParseContactRecord({ id: 7, channel: 'fax', identifiers: [], bogus: true });
    expect(r.success).toBe(false);
    if (r.success) return;
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path.join('.') || '(root)', i.message]));
    expect(byPath['id']).toBe('expected string, got number');
    expect(byPath['channel']).toMatch(/^expected one of "whatsapp", "sms"/);
    expect(byPath['(root)']).toBe('unknown key "bogus"');
  });

  it('parseX throws a typed ValidationError carrying the issues', () => {
    try {
      parseMessage({ ...message, occurredAt: 'yesterday' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect(e).toBeInstanceOf(OmnilinkError);
      const err = e as ValidationError;
      expect(err.code).toBe('validation_failed');
      expect(err.issues[0]).toMatchObject({ code: 'invalid_format', path: ['occurredAt'] });
      expect(err.message).toContain('occurredAt');
    }
  });

  it('validates messages and every event type', () => {
    expect(safeParseMessage(message).success).toBe(true);
    const base = { id: 'e1', channel: 'messenger', provider: 'messenger', occurredAt: '2024-05-01T10:00:00Z', receivedAt: '2024-05-01T10:00:00Z', actor: [] };
    expect(safeParseMessageEvent({ ...base, type: 'status', status: 'read', watermark: '2024-05-01T10:00:00Z' }).success).toBe(true);
    expect(safeParseMessageEvent({ ...base, type: 'edit', targetMessageId: 'm1', text: 'new' }).success).toBe(true);
    expect(safeParseMessageEvent({ ...base, type: 'delete', targetMessageId: 'm1' }).success).toBe(true);
    expect(safeParseMessageEvent({ ...base, type: 'reaction', targetMessageId: 'm1', emoji: '👍🏻' }).success).toBe(true);
    expect(safeParseMessageEvent({ ...base, type: 'identity_change', change: 'user_id_rotated' }).success).toBe(true);
    const bad = safeParseMessageEvent({ ...base, type: 'reaction' });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.issues[0].path).toEqual(['targetMessageId']);
    expect(safeParseMessageEvent({ ...base, type: 'reaction', targetMessageId: 'm1', emoji: '👍', emojis: ['👍', '❤️'] }).success).toBe(true);
    const mismatch = safeParseMessageEvent({ ...base, type: 'reaction', targetMessageId: 'm1', emoji: '❤️', emojis: ['👍', '❤️'] });
    expect(mismatch.success).toBe(false);
    if (!mismatch.success) expect(mismatch.issues[0]).toMatchObject({ path: ['emoji'], message: 'emoji must be the first of emojis' });
  });

  it('a person needs at least one record', () => {
    const r = safeParsePerson({ id: 'p', recordIds: [], identifiers: [], channels: [] });
    expect(r.success).toBe(false);
  });
});

describe('OmnilinkError across copies of the library', () => {
  // Another copy (the CommonJS build beside the ESM one, another installed version) has its own
  // classes; its errors carry the same Symbol.for brand. test-dist/dual.mjs checks the real builds.
  const foreign = (kinds: string[]): Error => Object.defineProperty(new Error('x'), Symbol.for('omnilink.errorKinds'), { value: kinds });

  it('instanceof holds for a branded error of another copy, class by class', () => {
    expect(foreign(['ValidationError', 'OmnilinkError'])).toBeInstanceOf(ValidationError);
    expect(foreign(['ValidationError', 'OmnilinkError'])).toBeInstanceOf(OmnilinkError);
    expect(foreign(['OmnilinkError'])).toBeInstanceOf(OmnilinkError);
    expect(foreign(['OmnilinkError'])).not.toBeInstanceOf(ValidationError);
  });

  it('and nowhere else', () => {
    expect(new Error('x')).not.toBeInstanceOf(OmnilinkError);
    expect(new OmnilinkError('not_found', 'x')).not.toBeInstanceOf(ValidationError);
    expect(new ValidationError([{ code: 'required', path: ['id'], message: 'id is empty' }])).toBeInstanceOf(OmnilinkError);
    expect((null as unknown) instanceof OmnilinkError).toBe(false);
    expect(('OmnilinkError' as unknown) instanceof OmnilinkError).toBe(false);
    class AppError extends OmnilinkError {}
    const e = new AppError('conflict', 'x');
    expect(e).toBeInstanceOf(OmnilinkError);
    expect(e).toBeInstanceOf(AppError);
    expect(new OmnilinkError('conflict', 'x')).not.toBeInstanceOf(AppError);
  });
});
