import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyTable } from '../../src/internal/key-table.js';

describe('KeyTable', () => {
  it('finds what was added and nothing else', () => {
    const t = new KeyTable<number>(4);
    t.add('whatsapp:w1', 1);
    t.add('sms:SM1', 2);
    expect(t.get('whatsapp:w1')).toBe(1);
    expect(t.get('sms:SM1')).toBe(2);
    expect(t.get('whatsapp:w2')).toBeUndefined();
    expect(t.get('')).toBeUndefined();
    expect(t.size).toBe(2);
  });

  it('looks up prefix + ":" + suffix without the joined string, and only that exact join', () => {
    const t = new KeyTable<string>(4);
    t.add('whatsapp:wamid.1', 'a');
    t.add('sms:1', 'b');
    expect(t.getJoined('whatsapp', 'wamid.1')).toBe('a');
    expect(t.getJoined('sms', '1')).toBe('b');
    expect(t.getJoined('whatsapp:wamid', '1')).toBeUndefined(); // same characters, other split
    expect(t.getJoined('whatsap', 'p:wamid.1')).toBeUndefined();
    expect(t.getJoined('messenger', 'wamid.1')).toBeUndefined();
  });

  it('grows past the size it was made for and keeps every key', () => {
    const t = new KeyTable<number>(1);
    for (let i = 0; i < 5000; i++) t.add(`k${i}`, i);
    for (let i = 0; i < 5000; i++) expect(t.get(`k${i}`)).toBe(i);
    expect(t.get('k5000')).toBeUndefined();
    expect(t.size).toBe(5000);
  });

  it('answers like a Map for any keys (collisions and unicode included)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 300 }), fc.array(fc.string({ maxLength: 12 }), { maxLength: 50 }), (keys, probes) => {
        const t = new KeyTable<number>(keys.length >> 2);
        const m = new Map<string, number>();
        keys.forEach((k, i) => {
          t.add(k, i);
          m.set(k, i);
        });
        for (const k of [...keys, ...probes]) expect(t.get(k)).toBe(m.get(k));
        for (const k of probes) expect(t.getJoined('c', k)).toBe(m.get(`c:${k}`));
      }),
    );
  });
});
