import { describe, expect, it } from 'vitest';
import { inferFields } from '../../src/match/infer-fields.js';
import type { ContactRecord } from '../../src/model/contact-record.js';

function records(attributes: (i: number) => Record<string, string>): ContactRecord[] {
  return Array.from({ length: 40 }, (_, i) => ({
    id: String(i),
    channel: 'crm',
    identifiers: [{ kind: 'email', value: `u${i}@x.com`, key: `email:u${i}@x.com`, verified: false }],
    attributes: attributes(i),
  }));
}

describe('inferFields', () => {
  it('never compares columns that carry an answer instead of evidence', () => {
    const answers = ['person_id', 'Person ID', 'entity_id', 'cluster_id', 'true_id', 'truth', 'ground_truth', 'household_id', 'family_id', 'match_probability', 'source_file', 'group_id', 'hh_id', 'household_key', 'dedupe_id', 'merged_into', 'master_record_id', 'z_cluster', 'gold_id', 'ground_truth_id', 'golden', 'truth_key', 'omnilink_person_id', 'omnilink_person_id_2', 'omnilink_match_probability', 'match_weight', 'duplicate_of', 'master_id', 'canonical_id', 'golden_record_id', 'gt_id', 'truth_label', 'true_customer_id'];
    const fields = inferFields(records((i) => Object.fromEntries(answers.map((a) => [a, `P${i % 7}`]))));
    expect(fields.map((f) => f.name)).toEqual(['email']);
  });

  it('still compares attributes that describe the person', () => {
    const fields = inferFields(records((i) => ({ soc_sec_id: `${1000 + (i % 13)}`, gender: i % 2 === 0 ? 'f' : 'm', 'Mailing City': i % 2 === 0 ? 'Lisboa' : 'Porto', cpf: `${i % 9}` })));
    expect(fields.map((f) => [f.name, f.type])).toEqual([
      ['email', 'email'],
      ['Mailing_City', 'city'],
      ['cpf', 'external_id'],
      ['gender', 'categorical'],
      ['soc_sec_id', 'external_id'],
    ]);
  });

  it('reads Spanish and Portuguese keys with accents, and never types a kind of document, a birth order or a birthplace', () => {
    const columns = ['Género', 'País', 'Provincia', 'Localidad', 'Tipo de Documento', 'Document Type', 'License Type', 'License Plate', 'Birth Order', 'Birthplace', 'Address Verified', 'Postcode Verified', 'Country of Birth'];
    const fields = inferFields(records((i) => Object.fromEntries(columns.map((c) => [c, `${c}-${i % 3}`]))));
    expect(fields.map((f) => [f.name, f.type])).toEqual([
      ['email', 'email'],
      ['Country_of_Birth', 'categorical'],
      ['G_nero', 'categorical'],
      ['Localidad', 'city'],
      ['Pa_s', 'categorical'],
      ['Provincia', 'categorical'],
    ]);
    // A document number column of few values is a kind (CPF/RG/CNH), not a number.
    expect(inferFields(records((i) => ({ cpf: ['CPF', 'RG', 'CNH'][i % 3]! }))).map((f) => f.name)).toEqual(['email']);
  });

  it("never compares an export's other columns: ids of pages and sessions, counts, labels, owners, flags, texts", () => {
    const columns = ['Page ID', 'is_verified_user', 'follower_count', 'Account Name', 'Total Spent', 'duration_sec', 'called_number', 'To: (Address)', 'Store', 'Labels', 'Last Message', 'Contact owner', 'Lifecycle Stage', 'session_id', 'page', 'message_count', 'language_code', 'Salutation', 'gold_tier', 'Owner Email'];
    const fields = inferFields(records((i) => Object.fromEntries(columns.map((c) => [c, c === 'Last Message' ? `hello ${i}` : `${c}-${i % 3}`]))));
    expect(fields.map((f) => f.name)).toEqual(['email']);
  });
});
