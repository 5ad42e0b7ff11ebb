import { describe, expect, it } from 'vitest';
import { decideSameIdRows } from '../../src/cli/same-id-rows.js';
import type { ContactRecord } from '../../src/model/contact-record.js';

const row = (id: string, full?: string): ContactRecord => ({ id, channel: 'crm', identifiers: [], ...(full !== undefined ? { name: { full } } : {}) });

describe('decideSameIdRows', () => {
  it('links the rows of an id whose names agree: the same, one within the other, or the same first and last name', () => {
    const d = decideSameIdRows([
      [row('1', 'Ana Souza'), row('1@2', 'ANA SOUZA')],
      [row('3', 'Carla Dias'), row('3@4', 'Carla M. Dias'), row('3@5', 'Carla Maria Dias')],
      [row('6', 'Silva, João'), row('6@7', 'João Silva')],
    ]);
    expect(d).toEqual({ link: [['1', '1@2'], ['3', '3@4', '3@5'], ['6', '6@7']], conflicting: 0, untrusted: false });
  });

  it('tells apart an id whose rows name different people, and links the nameless only when named ids agreed', () => {
    const groups = [
      [row('1', 'Ana Souza'), row('1@2', 'Ana Souza')],
      [row('2', 'Ana Souza'), row('2@3', 'Ana Souza')],
      [row('3', 'Ana Souza'), row('3@4', 'Ana Souza')],
      [row('4', 'Ana Souza'), row('4@5', 'Ana Souza')],
      [row('5', 'Bruno Lima'), row('5@6', 'Pedro Alves')],
      [row('7'), row('7@8')],
    ];
    expect(decideSameIdRows(groups)).toEqual({ link: [['1', '1@2'], ['2', '2@3'], ['3', '3@4'], ['4', '4@5'], ['7', '7@8']], conflicting: 1, untrusted: false });
  });

  it('trusts no id when more than a fifth join different names, or when none shows two names', () => {
    expect(decideSameIdRows([[row('1', 'Ana Souza'), row('1@2', 'Ana Souza')], [row('2', 'Bruno Lima'), row('2@3', 'Pedro Alves')]])).toEqual({ link: [], conflicting: 1, untrusted: true });
    expect(decideSameIdRows([[row('1'), row('1@2', 'Ana')]])).toEqual({ link: [], conflicting: 0, untrusted: true });
    expect(decideSameIdRows([])).toEqual({ link: [], conflicting: 0, untrusted: true });
  });
});
