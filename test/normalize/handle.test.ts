import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OmnilinkError } from '../../src/model/errors.js';
import { normalizeHandle } from '../../src/normalize/handle.js';

function data(raw: string, namespace: string, kind?: 'username' | 'user_id'): { key: string; value: string } {
  const r = normalizeHandle(raw, { namespace, ...(kind !== undefined ? { kind } : {}) });
  if (!r.success) throw new Error(`expected ${raw} to normalize: ${JSON.stringify(r.issues)}`);
  return r.data;
}

describe('normalizeHandle', () => {
  it('strips @ and lowercases usernames on case-insensitive platforms', () => {
    expect(data('@Ana.Silva', 'instagram')).toEqual({ key: 'ana.silva', value: 'Ana.Silva' });
    expect(data('  @John_Doe ', 'telegram')).toEqual({ key: 'john_doe', value: 'John_Doe' });
    expect(data('@Jack', 'x')).toEqual({ key: 'jack', value: 'Jack' });
  });

  it('reads profile URLs', () => {
    expect(data('https://www.instagram.com/ana.silva/?hl=pt', 'instagram').key).toBe('ana.silva');
    expect(data('t.me/John_Doe', 'telegram').key).toBe('john_doe');
    expect(data('https://twitter.com/Jack', 'x').key).toBe('jack');
    expect(data('https://x.com/jack/status/20', 'x').key).toBe('jack');
  });

  it('keeps ids exact: numeric ids, negative Telegram chat ids, LINE ids, WhatsApp BSUIDs', () => {
    expect(data('1254459154682919', 'messenger:page:1067280970047460')).toEqual({ key: '1254459154682919', value: '1254459154682919' });
    expect(data('-1001234567890', 'telegram')).toEqual({ key: '-1001234567890', value: '-1001234567890' });
    expect(data('U4af4980629d5d3e4c3d1e2b4e4d0f8a1', 'line').key).toBe('U4af4980629d5d3e4c3d1e2b4e4d0f8a1');
    expect(data('US.13491208655302741918', 'whatsapp:bsuid', 'user_id').key).toBe('US.13491208655302741918');
    expect(data('17841405822304914', 'instagram:account:17841400000000000').key).toBe('17841405822304914');
  });

  it('rejects LINE user ids that are not U/C/R + 32 lowercase hex', () => {
    const r = normalizeHandle('U4AF4980629D5D3E4C3D1E2B4E4D0F8A1', { namespace: 'line', kind: 'user_id' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0].code).toBe('invalid_format');
  });

  it.each([
    ['ana silva', 'telegram'],
    ['abc', 'telegram'], // too short for Telegram
    ['a'.repeat(31), 'instagram'],
    ['ana-silva', 'instagram'],
    ['jack.dorsey', 'x'],
    ['@', 'instagram'],
    ['', 'x'],
  ])('rejects %j on %s', (raw, namespace) => {
    expect(normalizeHandle(raw, { namespace }).success).toBe(false);
  });

  it('accepts any visible handle on unknown platforms', () => {
    expect(data('@Zoë-K', 'mastodon:social')).toEqual({ key: 'zoë-k', value: 'Zoë-K' });
  });

  it('throws on a missing namespace (misuse)', () => {
    expect(() => normalizeHandle('ana', { namespace: '' })).toThrow(OmnilinkError);
  });

  it('is idempotent and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('instagram', 'telegram', 'x', 'line', 'messenger:page:1', 'crm'), (raw, namespace) => {
        const r = normalizeHandle(raw, { namespace });
        if (!r.success) return;
        const again = normalizeHandle(r.data.key, { namespace });
        expect(again.success).toBe(true);
        if (again.success) expect(again.data.key).toBe(r.data.key);
      }),
      { numRuns: 500 },
    );
  });
});
