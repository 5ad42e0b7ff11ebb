import { describe, expect, it } from 'vitest';
import { goldenRecordOf } from '../../src/resolve/golden-record.js';
import type { ContactRecord } from '../../src/model/contact-record.js';

const phone = (e164: string, verified = false) => ({ kind: 'phone' as const, value: e164, key: `phone:${e164}`, verified });

describe('goldenRecordOf', () => {
  it('prefers verified values, then preferred sources, then the most recent, then the most frequent', () => {
    const records: ContactRecord[] = [
      { id: 'wa-1', channel: 'whatsapp', name: { full: 'Aninha' }, identifiers: [phone('+5511987654321', true)], observedAt: '2024-03-01T10:00:00.000Z' },
      { id: 'crm-1', channel: 'crm', name: { full: 'Ana Souza' }, identifiers: [phone('+5511912345678')], observedAt: '2024-01-01T10:00:00.000Z' },
      { id: 'sms-1', channel: 'sms', identifiers: [phone('+5511912345678')], observedAt: '2024-02-01T10:00:00.000Z' },
    ];
    const g = goldenRecordOf('p_1', records);
    expect(g.name?.value).toEqual({ full: 'Ana Souza' }); // the CRM row, though older
    expect(g.phones.map((p) => p.value)).toEqual(['+5511987654321', '+5511912345678']); // verified first
    expect(g.phones[1]?.support).toBe(2);
    expect(g.channelUsage.lastChannel).toBe('whatsapp');
  });

  it('labels each other identifier with its own kind and namespace, and marks only verified ones verified', () => {
    const records: ContactRecord[] = [
      {
        id: 'tg-1',
        channel: 'telegram',
        identifiers: [
          { kind: 'user_id', value: 'ana', namespace: 'telegram', key: 'user_id:telegram:ana', verified: true },
          { kind: 'external_id', value: 'C-7', key: 'external_id:default:C-7', verified: false },
        ],
      },
      { id: 'ig-1', channel: 'instagram', identifiers: [{ kind: 'username', value: 'ana', namespace: 'instagram', key: 'username:instagram:ana', verified: false }] },
    ];
    const others = goldenRecordOf('p_1', records).otherIdentifiers.map((o) => ({ kind: o.kind, namespace: o.namespace, value: o.value, verified: o.verified }));
    expect(others).toEqual([
      { kind: 'user_id', namespace: 'telegram', value: 'ana', verified: true },
      { kind: 'username', namespace: 'instagram', value: 'ana', verified: false },
      { kind: 'external_id', namespace: undefined, value: 'C-7', verified: false },
    ]);
  });

  it('reads observedAt as an instant whatever its offset', () => {
    // 09:00-03:00 is 12:00Z: later than 11:00Z, though it sorts first as a string.
    const records: ContactRecord[] = [
      { id: 'a', channel: 'sms', name: { full: 'Ana Souza' }, identifiers: [], observedAt: '2024-01-01T11:00:00.000Z' },
      { id: 'b', channel: 'email', name: { full: 'Ana S. Souza' }, identifiers: [], observedAt: '2024-01-01T09:00:00-03:00' },
    ];
    const g = goldenRecordOf('p_1', records);
    expect(g.name?.recordId).toBe('b');
    expect(g.channelUsage.lastChannel).toBe('email');
    expect(g.channelUsage.lastContactAt).toBe('2024-01-01T09:00:00-03:00');
  });
});
