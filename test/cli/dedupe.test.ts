import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvReader } from '../../src/cli/io/csv.js';
import { cli } from './_run.js';

const dir = mkdtempSync(join(tmpdir(), 'omnilink-cli-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const parseCsv = (text: string) => {
  const reader = new CsvReader();
  const [header, ...rows] = [...reader.push(text), ...reader.end()].map((r) => r.fields);
  return rows.map((r) => Object.fromEntries(r.map((v, i) => [header![i]!, v])));
};

/** Row key -> person_id of a dedupe output; the key is the first of `columns` the row fills. */
const personsOf = (out: string, ...columns: string[]): Record<string, string | undefined> =>
  Object.fromEntries(parseCsv(readFileSync(out, 'utf8')).map((x) => [columns.map((c) => x[c]).find((v) => v !== undefined && v !== '') ?? '', x['person_id']]));

const crm = file(
  'crm.csv',
  [
    'id,name,email,phone,household,truth',
    '1,Ana Souza,ana.souza@gmail.com,(11) 98765-4321,h1,ana',
    '2,"Souza, Ana",Ana.Souza+promo@GoogleMail.com,,h1,ana',
    '3,Pedro Souza,,(11) 3333-4444,h1,pedro',
    '4,Ana Souza,,(11) 3333-4444,h1,ana',
    '5,Carlos Pérez,carlos@x.mx,+52 1 55 1234 5678,h2,carlos',
    '6,bro"ken,,,h3,x',
  ].join('\n') + '\n',
);
const chat = file(
  'whatsapp.jsonl',
  [
    JSON.stringify({ id: 'wa-1', name: 'Carlos P', whatsapp: '5215512345678', truth: 'carlos' }),
    'not json',
    JSON.stringify({ id: 'wa-2', name: 'Ana 🌸', whatsapp: '5511987654321', truth: 'ana' }),
  ].join('\n') + '\n',
);

describe('omnilink dedupe', () => {
  it('refuses an unknown --default-country as a usage error, naming the option, before reading anything', async () => {
    const r = await cli(['dedupe', crm, '--default-country', 'XX']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--default-country: XX is not a supported ISO 3166-1 alpha-2 country');
    expect(r.stderr).not.toContain('cannot read');
  });

  it('never links rows by a placeholder phone written without its country ((11) 99999-9999)', async () => {
    const given = ['Ana', 'Bruno', 'Carla', 'Diego', 'Eva', 'Felipe', 'Gabi', 'Hugo'];
    const family = ['Silva', 'Souza', 'Lima', 'Costa', 'Rocha'];
    const spell = ['11 99999-9999', '(11) 99999-9999', '11999999999'];
    const rows = Array.from({ length: 400 }, (_, i) => `${i},${given[i % 8]} ${family[(i >> 3) % 5]},p${i}@mail${i % 97}.com.br,${spell[i % 3]}`);
    const list = file('placeholder-phone.csv', `id,name,email,phone\n${rows.join('\n')}\n`);
    const out = join(dir, 'placeholder-phone-out.csv');
    expect((await cli(['dedupe', list, '--out', out, '--quiet'])).code).toBe(0);
    expect(new Set(Object.values(personsOf(out, 'id'))).size).toBe(400);
  });

  it('says which shared values it set aside as generic (placeholders, role addresses)', async () => {
    const list = file('generic.csv', 'id,name,email\n1,Ana Souza,ana@example.com\n2,Ana Souza,ana@example.com\n3,Bruno Lima,bruno@lima.com.br\n');
    const r = await cli(['dedupe', list, '--out', join(dir, 'generic-out.csv')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 shared value set aside as generic, no evidence (placeholders, role addresses, values on too many rows): email:ana@example.com (2 rows)');
  });

  it('rejects a row whose record the resolver refuses (a name over the length limit) with its line and reason, and resolves the rest', async () => {
    const long = file('long.csv', `id,name,email\n1,Ana Souza,ana.souza@gmail.com\n2,${'A'.repeat(1100)},b@gmail.com\n3,Ana Souza,ana.souza@gmail.com\n`);
    const out = join(dir, 'long-out.csv');
    const r = await cli(['dedupe', long, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('long.csv:3: name.full: longer than 1024 (too_big)');
    expect(r.stderr).toContain('2 records -> 1 person (');
    const rejects = readFileSync(`${out}.rejects.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { input: string; line: number; error: string });
    expect(rejects).toEqual([{ input: 'long.csv', line: 3, error: 'name.full: longer than 1024 (too_big)' }]);
    const persons = personsOf(out, 'id');
    expect(persons['2']).toBe('');
    expect(persons['1']).toBe(persons['3']);
  });

  it('links several inputs, writes every row with person_id, and rejects unreadable rows with their line', async () => {
    const out = join(dir, 'out.csv');
    const r = await cli(['dedupe', crm, chat, '--default-country', 'BR', '--out', out, '--quiet', '--truth-column', 'truth', '--config', file('c.json', '{"columns":{"household":"ignore"}}')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('crm.csv:7: stray quote in field 2');
    expect(r.stderr).toContain('whatsapp.jsonl:2: not JSON');
    const rejects = readFileSync(`${out}.rejects.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { input: string; line: number });
    expect(rejects.map((x) => `${x.input}:${x.line}`)).toEqual(['crm.csv:7', 'whatsapp.jsonl:2']);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows).toHaveLength(7);
    expect(Object.keys(rows[0]!)).toEqual(['id', 'name', 'email', 'phone', 'household', 'truth', 'whatsapp', 'source_file', 'person_id', 'match_probability']);
    const person = (source: string, id: string) => rows.find((x) => x['source_file'] === source && x['id'] === id)!['person_id'];
    // Ana: CRM rows 1 and 2 (the same Gmail inbox) and her WhatsApp; Pedro, who shares the landline, stays apart.
    expect(person('crm.csv', '2')).toBe(person('crm.csv', '1'));
    expect(person('whatsapp.jsonl', 'wa-2')).toBe(person('crm.csv', '1'));
    expect(person('crm.csv', '3')).not.toBe(person('crm.csv', '1'));
    // Carlos: the Mexican legacy +52 1 form and the WhatsApp id are one phone.
    expect(person('whatsapp.jsonl', 'wa-1')).toBe(person('crm.csv', '5'));
    const metrics = JSON.parse(r.stdout) as { precision: number; recall: number };
    expect(metrics.precision).toBe(1);
  });

  it('is deterministic: the same input gives the same person ids', async () => {
    const rejects = join(dir, 'deterministic.rejects.jsonl');
    const a = await cli(['dedupe', crm, '--quiet', '--default-country', 'BR', '--rejects', rejects], '');
    const b = await cli(['dedupe', crm, '--quiet', '--default-country', 'BR', '--rejects', rejects], '');
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.split('\n')[0]).toBe('id,name,email,phone,household,truth,person_id,match_probability');
  });

  it('reads JSONL from stdin and writes the evidence of every link', async () => {
    const explain = join(dir, 'explain.jsonl');
    const input = [
      { id: 'a', name: 'Ana Souza', email: 'ana@x.com' },
      { id: 'b', name: 'Ana Sousa', email: 'ANA@x.com' },
      { id: 'c', name: 'Bob', email: 'bob@y.com' },
    ].map((x) => JSON.stringify(x)).join('\n');
    const r = await cli(['dedupe', '-', '--quiet', '--explain', explain], input);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string | number>);
    expect(lines[0]!['person_id']).toBe(lines[1]!['person_id']);
    expect(lines[2]!['person_id']).not.toBe(lines[0]!['person_id']);
    expect(lines[1]!['match_probability']).toBeGreaterThan(0.9);
    const evidence = readFileSync(explain, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { records: string[]; links: { via: string; key?: string }[] });
    expect(evidence).toHaveLength(1);
    expect(evidence[0]!.records).toEqual(['a', 'b']);
    expect(evidence[0]!.links[0]).toMatchObject({ via: 'identifier', key: 'email:ana@x.com' });
  });

  it('writes the review queue: one line per pair of persons that may be one, most probable first, with both rows', async () => {
    const review = join(dir, 'review.jsonl');
    const list = file(
      'review.csv',
      [
        'id,name,email,phone',
        'r1,Kelly Fonseca,kelly.f@gmail.com,',
        'r2,Kelly Fonseca,,+55 11 98765-4321',
        'r3,Kelly Fonseca,,+55 11 98765-4321',
        'r4,Bruno Lima,bruno@lima.dev,',
        'r5,Rita Alves,rita@alves.pt,',
        'r6,Otto Klein,otto@klein.de,',
      ].join('\n') + '\n',
    );
    const r = await cli(['dedupe', list, '--quiet', '--out', join(dir, 'review-out.csv'), '--review', review], '');
    expect(r.code).toBe(0);
    const lines = readFileSync(review, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    // r2 and r3 are one person (the phone); r1 only shares the name with it: one pair of persons, two record pairs.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      reason: expect.stringContaining('names agree but little else does'),
      record_pairs: 2,
      a: { record_id: 'r1', line: 2, row: { id: 'r1', name: 'Kelly Fonseca', email: 'kelly.f@gmail.com', phone: '' } },
      b: { record_id: 'r2', line: 3, row: { id: 'r2' } },
    });
    const out = personsOf(join(dir, 'review-out.csv'), 'id');
    expect([(lines[0]!['a'] as { person_id: string }).person_id, (lines[0]!['b'] as { person_id: string }).person_id]).toEqual([out['r1'], out['r2']]);
  });

  it('reads national phones on rows without a country in the countries the rest of the file names', async () => {
    const list = file(
      'mixed.csv',
      [
        'id,name,phone,whatsapp,country',
        'c1,Inês Rodrigues,(81) 99764-1547,,',
        'w1,Inês 🌸,,5581997641547,',
        'c2,Romina Funes,0341 15-219-0462,,',
        'w2,Romina,,5493412190462,',
        'c3,Pedro Lima,+55 11 98888-7777,,Brasil',
        'c4,Juan Paz,+54 9 11 2770-9277,,Argentina',
      ].join('\n') + '\n',
    );
    const out = join(dir, 'mixed-out.csv');
    expect((await cli(['dedupe', list, '--out', out, '--quiet'])).code).toBe(0);
    const person = personsOf(out, 'id');
    expect(person['w1']).toBe(person['c1']);
    expect(person['w2']).toBe(person['c2']);
    expect(person['c1']).not.toBe(person['c2']);
  });

  it('reads national phones of a file that names no country in the countries of the numbers beside it', async () => {
    const sms = file('sms.csv', 'id,sender_number,message\ns1,(305) 689-5436,oi\n');
    const whatsapp = file('whatsapp.csv', 'id,wa_id,profile_name\nw1,13056895436,Ana Souza\nw2,447535050583,Olivia\n');
    const out = join(dir, 'no-country-out.csv');
    expect((await cli(['dedupe', sms, whatsapp, '--out', out, '--quiet'])).code).toBe(0);
    const person = personsOf(out, 'id');
    expect(person['s1']).toBe(person['w1']);
    expect(person['s1']).not.toBe(person['w2']);
  });

  it('never lets a national number valid in two countries bridge two customers', async () => {
    const list = file('fr-nl.csv', 'id,name,phone\nfr1,Pierre Martin,+33612345678\nnl1,Pieter Jansen,+31612345678\nnl2,Jan de Vries,+31687654321\nfr2,Marie Dubois,+33687654321\nx,,0612345678\n');
    const out = join(dir, 'fr-nl-out.csv');
    expect((await cli(['dedupe', list, '--out', out, '--quiet'])).code).toBe(0);
    const person = personsOf(out, 'id');
    expect(person['fr1']).not.toBe(person['nl1']);
  });

  it("reads message and call logs from the customer's side: the recipient of what the business sent", async () => {
    // Twilio's Messages export (with Direction) and a call log without one, beside a CRM list.
    const messages = file(
      'twilio-messages.csv',
      'Sid,From,To,Body,Direction\nSM1,+18882310100,+14158675301,Your order shipped,outbound-api\nSM2,+14158675302,+18882310100,Where is my order?,inbound\nSM3,+18882310100,+14158675302,On its way,outbound-reply\n',
    );
    const calls = file('calls.csv', 'call_sid,From,To\nCA1,+18882310100,+14158675301\nCA2,+14158675303,+18882310100\nCA3,+18882310100,+14158675303\n');
    const people = file('people.csv', 'id,name,phone\np1,Ana Souza,+14158675301\np2,Ana Souza,+14158675302\np3,Bob Lee,+14158675303\n');
    const out = join(dir, 'logs-out.csv');
    const run = await cli(['dedupe', messages, calls, people, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("calls.csv: the business's own party is +18882310100");
    const person = personsOf(out, 'Sid', 'call_sid', 'id');
    expect(person['SM1']).toBe(person['p1']);
    expect(person['SM2']).toBe(person['p2']);
    expect(person['SM3']).toBe(person['p2']);
    expect(person['CA1']).toBe(person['p1']);
    expect(person['CA2']).toBe(person['p3']);
    expect(person['CA3']).toBe(person['p3']);
    // The business's number is nobody's: two customers of one name stay apart.
    expect(person['p1']).not.toBe(person['p2']);
  });

  it("reads a list merging several channels by each row's channel and generic identifier cell", async () => {
    const merged = file(
      'all-channels.csv',
      'row,channel,identifier,display_name\n1,WhatsApp,5511987654321,Ana\n2,Instagram,@ana.souza,Ana Souza\n3,Email,ana.souza@gmail.com,Ana Souza\n4,Messenger,2658931033080194,Bruno Lima\n',
    );
    const crm = file('crm-contacts.csv', 'id,name,phone,email,instagram\nc1,Ana Souza,+55 11 98765-4321,ana.souza@gmail.com,ana.souza\n');
    const out = join(dir, 'merged-out.csv');
    expect((await cli(['dedupe', merged, crm, '--out', out, '--quiet'])).code).toBe(0);
    const person = personsOf(out, 'row', 'id');
    expect(new Set([person['1'], person['2'], person['3'], person['c1']]).size).toBe(1);
    expect(person['4']).not.toBe(person['c1']);
  });

  it('fails with one clear line on usage errors', async () => {
    expect(await cli(['dedupe'])).toMatchObject({ code: 2, stderr: expect.stringContaining('at least one INPUT is required') });
    expect(await cli(['dedupe', 'x.txt'])).toMatchObject({ code: 2, stderr: expect.stringContaining('expected a .csv') });
    expect(await cli(['dedupe', crm, '--threshold', '7'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--threshold must be a probability') });
    expect(await cli(['dedupe', crm, '--name-only-threshold', '1.5'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--name-only-threshold must be a probability') });
    const badConfig = file('bad-config.json', JSON.stringify({ nameOnlyThreshold: 'high' }));
    expect(await cli(['dedupe', crm, '--config', badConfig])).toMatchObject({ code: 2, stderr: expect.stringContaining('"nameOnlyThreshold" must be a probability') });
    expect(await cli(['dedupe', crm, '--bogus'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --bogus') });
    const missing = await cli(['dedupe', join(dir, 'nope.csv'), '--quiet']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.csv/);
    expect(existsSync(join(dir, 'omnilink-rejects.jsonl'))).toBe(false);
  });
});

describe('omnilink eval', () => {
  it('scores a dedupe output against a truth column', async () => {
    const out = file('labelled.csv', ['id,person_id,truth', '1,p1,a', '2,p1,a', '3,p2,a', '4,p3,b'].join('\n'));
    const r = await cli(['eval', out, '--truth-column', 'truth']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ records: 4, truePositives: 1, falseNegatives: 2, precision: 1, trueClusters: 2, predictedClusters: 3 });
    expect(await cli(['eval', out])).toMatchObject({ code: 2, stderr: expect.stringContaining('--truth-column is required') });
  });
});
