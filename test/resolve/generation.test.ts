import { describe, expect, it } from 'vitest';
import type { ContactRecord } from '../../src/model/contact-record.js';
import { generationOf } from '../../src/resolve/generation.js';

const named = (name: ContactRecord['name']): ContactRecord => ({ id: 'x', channel: 'crm', identifiers: [], ...(name !== undefined ? { name } : {}) });

describe('generationOf', () => {
  it('finds generational markers after the first word, folded, with Júnior and Jr as one', () => {
    expect(generationOf(named({ full: 'Daniel Queiroz Júnior' }))).toBe('jr');
    expect(generationOf(named({ full: 'DANIEL QUEIROZ JR.' }))).toBe('jr');
    expect(generationOf(named({ given: 'Manuel', family: 'Domingues Coelho Filho' }))).toBe('filho');
    expect(generationOf(named({ full: 'Christopher Johnson II' }))).toBe('ii');
  });

  it('is empty without a marker, without a name, and for a first word that only looks like one', () => {
    expect(generationOf(named({ full: 'Daniel Queiroz' }))).toBe('');
    expect(generationOf(named(undefined))).toBe('');
    expect(generationOf(named({ full: 'Neto Souza' }))).toBe('');
  });
});
