import { describe, expect, it } from 'vitest';
import { type ColumnSpec, type RowField, channelOfName, countryCodeOf, findBusinessParties, frequentCountries, recognizeColumn, recordFromRow } from '../../src/channels/contact-row.js';

describe('several phones in one cell', () => {
  it('split at / , and "ou" when each piece is a whole number; a short piece is an extension', () => {
    const keys = (phone: string) => {
      const r = recordFromRow({ id: '1', phone }, { defaultCountry: 'BR' });
      return r.success ? r.data.record.identifiers.map((i) => i.key) : [];
    };
    expect(keys('(11) 98765-4321 / (11) 3333-4444')).toEqual(['phone:+5511987654321', 'phone:+551133334444']);
    expect(keys('11 98765-4321, 11 3333-4444')).toEqual(['phone:+5511987654321', 'phone:+551133334444']);
    expect(keys('(11) 98765-4321 ou (11) 3333-4444')).toEqual(['phone:+5511987654321', 'phone:+551133334444']);
    expect(keys('(11) 3333-4444 / 12')).toEqual(['phone:+551133334444']); // not +1 333 344 4412
    expect(keys('(11) 98765-4321; 11987654321.0')).toEqual(['phone:+5511987654321', 'phone:+5511987654321']);
    // Whole numbers written with a slash or followed by an extension stay whole.
    expect(keys('+1 (555) 123-4567, ext 89')).toEqual(['phone:+15551234567']);
    expect(keys('+55 11 98765-4321, ramal 12')).toEqual(['phone:+5511987654321']);
    expect(keys('(11) 3333-4444 / ramal 12')).toEqual(['phone:+551133334444']);
    expect(keys('+55 11 3333/4444')).toEqual(['phone:+551133334444']);
    expect(keys('0049 6221/54321')).toEqual(['phone:+49622154321']);
    expect(keys('+49 89 1234/567')).toEqual(['phone:+49891234567']);
    // Not the digits run together into a number of another country (+212 is Morocco).
    const us = (phone: string) => {
      const r = recordFromRow({ id: '1', phone }, { defaultCountry: 'US' });
      return r.success ? r.data.record.identifiers.map((i) => i.key) : [];
    };
    expect(us('212-555-0123 / 12')).toEqual(['phone:+12125550123']);
    // A row without a country: the candidate countries the rest of the file names read the pieces.
    const r = recordFromRow({ id: '1', phone: '(11) 98765-4321 / (11) 3333-4444' }, { candidateCountries: ['BR', 'MX'] });
    expect(r.success && r.data.record.identifiers.map((i) => i.key)).toEqual(['phone:+5511987654321', 'phone:+551133334444']);
  });
});

describe('recognizeColumn', () => {
  it('reads the words of names no alias lists', () => {
    const cases: [string, object][] = [
      ['contact_phone', { field: 'phone' }],
      ['Mobile Number', { field: 'phone' }],
      ['home_phone_number', { field: 'landline' }],
      ['sms_from', { field: 'phone', channel: 'sms', party: 'sender' }],
      ['customerEmail', { field: 'email' }],
      ['E-Mail 2', { field: 'email' }],
      ['whatsapp_id', { field: 'phone', channel: 'whatsapp' }],
      ['wa_number', { field: 'phone', channel: 'whatsapp' }],
      ['whatsapp_profile_name', { field: 'full_name' }],
      ['Customer First Name', { field: 'given_name' }],
      ['contact_last_name', { field: 'family_name' }],
      ['ig_handle', { field: 'handle', namespace: 'instagram', channel: 'instagram' }],
      ['instagram_username', { field: 'handle', namespace: 'instagram', channel: 'instagram' }],
      ['ig_user_id', { field: 'user_id', namespace: 'instagram', channel: 'instagram' }],
      ['telegram_username', { field: 'handle', namespace: 'telegram', channel: 'telegram' }],
      ['tg_user_id', { field: 'user_id', namespace: 'telegram', channel: 'telegram' }],
      ['Messenger PSID', { field: 'user_id', namespace: 'messenger', channel: 'messenger' }],
      ['facebook_id', { field: 'user_id', namespace: 'messenger', channel: 'messenger' }],
      ['line_user_id', { field: 'user_id', namespace: 'line', channel: 'line' }],
      ['birth_dt', { field: 'birth_date' }],
      ['zip_code_5', { field: 'postcode' }],
      ['screen_name', { field: 'handle' }],
      ['contact_number', { field: 'phone' }],
      ['user.first_name', { field: 'given_name' }], // a flattened JSON name: its last part
      ['address.city', { field: 'city' }],
      ['whatsapp_display_name', { field: 'full_name' }],
      ['WhatsApp Phone', { field: 'phone', channel: 'whatsapp' }], // WhatsApp split at its capital
      ['customer_instagram', { field: 'handle', namespace: 'instagram', channel: 'instagram' }],
      ['Instagram do Cliente', { field: 'handle', namespace: 'instagram', channel: 'instagram' }],
      ['Facebook Messenger ID', { field: 'user_id', namespace: 'messenger', channel: 'messenger' }],
      ['customer.default_address.phone', { field: 'phone' }],
      ['Country/Region', { field: 'country' }],
      ['household_phone', { field: 'landline' }],
    ];
    for (const [column, spec] of cases) expect(recognizeColumn(column), column).toEqual(spec);
  });

  it('reads an sms column as the number texted, but an sms id column as no phone (a Twilio log\'s sms_id)', () => {
    expect(recognizeColumn('SMS')).toEqual({ field: 'phone', channel: 'sms' });
    expect(recognizeColumn('sms_number')).toEqual({ field: 'phone', channel: 'sms' });
    for (const column of ['sms_id', 'sms_sid', 'SmsSid', 'sms_uuid']) expect(recognizeColumn(column), column).toEqual({ field: 'attribute' });
    const r = recordFromRow({ sms_id: 'SM449323299539', sender_number: '(305) 689-5436', message: 'Yes' }, { defaultCountry: 'US', fallbackId: 'line-2' });
    expect(r.success && r.data.record.identifiers.map((i) => i.key)).toEqual(['phone:+13056895436']);
    expect(r.success && r.data.warnings).toEqual([]);
  });

  it('never adds a name read from a column\'s words to the name a named column gives', () => {
    const r = recordFromRow({ id: '1', name: 'Ana Souza', whatsapp_name: 'ANA S', mother_name: 'Maria Souza' });
    expect(r.success && r.data.record.name).toEqual({ full: 'Ana Souza' });
    expect(r.success && r.data.record.attributes).toEqual({ whatsapp_name: 'ANA S', mother_name: 'Maria Souza' });
    const alone = recordFromRow({ id: '2', whatsapp_name: 'ANA S' });
    expect(alone.success && alone.data.record.name).toEqual({ full: 'ANA S' });
  });

  it("reads a file's channel from its name, so its usernames and user ids get that channel's namespace", () => {
    expect(['telegram.csv', 'Instagram DMs.jsonl', 'crm_hubspot.csv', 'store-POS.csv', '/data/whatsapp_export.jsonl', 'customers.csv', 'leads_facebook_ads.csv'].map(channelOfName)).toEqual([
      'telegram',
      'instagram',
      'crm',
      'store',
      'whatsapp',
      undefined,
      undefined,
    ]);
    const r = recordFromRow({ id: '1', username: 'marta_rodriguez' }, { channel: 'telegram' });
    expect(r.success && r.data.record.identifiers[0]?.key).toBe('username:telegram:marta_rodriguez');
    // In a list pasted from several exports, a source cell that names a channel says it (a channel cell wins).
    const pasted = recordFromRow({ id: '2', source: 'instagram', username: 'marta_rodriguez' });
    expect(pasted.success && [pasted.data.record.channel, pasted.data.record.identifiers[0]?.key]).toEqual(['instagram', 'username:instagram:marta_rodriguez']);
    const both = recordFromRow({ id: '3', source: 'instagram', channel: 'telegram', username: 'marta_rodriguez' });
    expect(both.success && both.data.record.channel).toBe('telegram');
  });

  it("reads a Customer/Cliente column as the name only when it holds one and no other column does", () => {
    const read = (row: Record<string, string>): unknown => {
      const r = recordFromRow(row);
      return r.success ? [r.data.record.name, r.data.record.attributes, r.data.record.identifiers.map((i) => i.key)] : undefined;
    };
    expect(read({ id: '1', Customer: 'RAQUEL HERNANDEZ', phone: '+34783606504' })).toEqual([{ full: 'RAQUEL HERNANDEZ' }, undefined, ['phone:+34783606504']]);
    expect(read({ id: '2', first_name: 'Ana', last_name: 'Souza', customer: 'Maria' })).toEqual([{ given: 'Ana', family: 'Souza' }, { customer: 'Maria' }, []]);
    expect(read({ id: '3', customer: '100234' })).toEqual([undefined, { customer: '100234' }, []]);
    expect(read({ id: '4', cliente: 'Sim' })).toEqual([undefined, { cliente: 'Sim' }, []]);
    expect(read({ id: '5', name: 'Ana', customer: 'ana@x.com' })).toEqual([{ full: 'Ana' }, undefined, ['email:ana@x.com']]);
  });

  it('keeps caller-ID text (LAST FIRST cut at 15, WIRELESS CALLER, a city) as an attribute, never a name', () => {
    for (const column of ['caller_name', 'Caller ID Name', 'CNAM']) {
      const r = recordFromRow({ id: '1', phone: '+17135550100', [column]: 'WIRELESS CALLER' });
      expect(r.success && r.data.record.name).toBeUndefined();
      expect(r.success && r.data.record.attributes).toEqual({ [column]: 'WIRELESS CALLER' });
    }
  });

  it("reads message logs' sender columns, a store's customer and loyalty card, and a cell by what it holds", () => {
    expect(['from', 'From', 'sender', 'sender_number', 'From Number'].map((c) => recognizeColumn(c).field)).toEqual(['phone', 'phone', 'phone', 'phone', 'phone']);
    expect(['From: (Address)', 'From Address', 'sender_email'].map((c) => recognizeColumn(c).field)).toEqual(['email', 'email', 'email']);
    expect(['Customer', 'Cliente', 'Loyalty Card', 'Loyalty Card Number'].map((c) => recognizeColumn(c).field)).toEqual(['full_name', 'full_name', 'loyalty_id', 'loyalty_id']);
    const r = recordFromRow({ id: '1', From: 'Ana Souza <Ana.Souza@Gmail.com>', email: '+55 11 98765-4321' });
    expect(r.success && r.data.record.identifiers.map((i) => [i.kind, i.key])).toEqual([
      ['email', 'email:ana.souza@gmail.com'],
      ['phone', 'phone:+5511987654321'],
    ]);
  });

  it('splits an email cell at commas only when every piece is an address', () => {
    const keys = (email: string): unknown => {
      const r = recordFromRow({ email }, { fallbackId: '1' });
      return r.success ? r.data.record.identifiers.map((i) => i.key) : r.issues;
    };
    expect(keys('ana@x.com, ana.souza@y.com')).toEqual(['email:ana@x.com', 'email:ana.souza@y.com']);
    expect(keys('Souza, Ana <ana@x.com>')).toEqual(['email:ana@x.com']);
  });

  it('reads a name cell holding an email or a number as that identifier, never as a name', () => {
    const read = (row: Record<string, string>): unknown => {
      const r = recordFromRow(row, { fallbackId: '1' });
      return r.success ? [r.data.record.name, r.data.record.identifiers.map((i) => i.key)] : r.issues;
    };
    expect(read({ name: 'Ana@X.com' })).toEqual([undefined, ['email:ana@x.com']]);
    expect(read({ 'visitor.name': '+55 11 98765-4321' })).toEqual([undefined, ['phone:+5511987654321']]);
    expect(read({ first_name: 'Ana', last_name: 'ana@x.com' })).toEqual([{ given: 'Ana' }, ['email:ana@x.com']]);
    // A name with an address in it is still a name.
    expect(read({ name: 'Ana Souza (ana@x.com)' })).toEqual([{ full: 'Ana Souza (ana@x.com)' }, []]);
  });

  it("reads a generic contact column (identifier, contact) by its cell and the row's channel", () => {
    const read = (row: Record<string, string>): unknown => {
      const r = recordFromRow(row, { fallbackId: '1' });
      return r.success ? [r.data.record.identifiers.map((i) => i.key), r.data.record.name?.full, r.data.record.attributes, r.data.warnings.map((w) => w.path)] : r.issues;
    };
    const cases: [Record<string, string>, string[]][] = [
      [{ channel: 'whatsapp', identifier: '+55 11 98765-4321' }, ['phone:+5511987654321']],
      [{ channel: 'WhatsApp', identifier: 'whatsapp:+5511987654321' }, ['phone:+5511987654321']],
      [{ channel: 'instagram', identifier: '@ana.souza' }, ['username:instagram:ana.souza']],
      [{ channel: 'instagram', identifier: 'ana.souza' }, ['username:instagram:ana.souza']],
      [{ channel: 'email', contact: 'Ana.Souza@Gmail.com' }, ['email:ana.souza@gmail.com']],
      [{ channel: 'messenger', identifier: '2658931033080194' }, ['user_id:messenger:2658931033080194']],
      [{ channel: 'telegram', identifier: '6409521126' }, ['user_id:telegram:6409521126']],
      [{ channel: 'line', contact: 'U4af4980629a1b2c3d4e5f60718293a4b' }, ['user_id:line:U4af4980629a1b2c3d4e5f60718293a4b']],
      [{ channel: 'webchat', identifier: 'v-7f3a9c' }, ['user_id:webchat:v-7f3a9c']],
      [{ channel: 'store', identifier: '(11) 98765-4321', country: 'Brasil' }, ['phone:+5511987654321']],
    ];
    for (const [row, keys] of cases) expect(read(row), JSON.stringify(row)).toEqual([keys, undefined, undefined, []]);
    // A user id column on a phone channel holds the number (WhatsApp's user id is the phone); an email is an email anywhere.
    expect(read({ channel: 'whatsapp', user_id: '5511987654321' })).toEqual([['phone:+5511987654321'], undefined, undefined, []]);
    expect(read({ channel: 'email', user_id: 'ana@x.com' })).toEqual([['email:ana@x.com'], undefined, undefined, []]);
    expect(read({ channel: 'messenger', user_id: '2658931033080194' })).toEqual([['user_id:messenger:2658931033080194'], undefined, undefined, []]);
    // A CRM's Contact column holding a name is the name; a cell that fits nothing stays an attribute, reported.
    expect(read({ channel: 'crm', Contact: 'Ana Souza' })).toEqual([[], 'Ana Souza', undefined, []]);
    expect(read({ channel: 'email', contact: 'n/a 2', name: 'Ana' })).toEqual([[], 'Ana', { contact: 'n/a 2' }, [['contact']]]);
  });

  describe('message and call logs', () => {
    const read = (row: Record<string, string>, businessParties?: string[]): unknown => {
      const r = recordFromRow(row, { fallbackId: '1', ...(businessParties !== undefined ? { businessParties } : {}) });
      return r.success ? { name: r.data.record.name, keys: r.data.record.identifiers.map((i) => i.key), attributes: r.data.record.attributes, warnings: r.data.warnings } : r.issues;
    };

    it('reads the two parties of a row by their column names', () => {
      const cases: [string, ColumnSpec][] = [
        ['From', { field: 'phone', party: 'sender' }],
        ['To', { field: 'phone', party: 'recipient' }],
        ['caller_number', { field: 'phone', party: 'sender' }],
        ['called_number', { field: 'phone', party: 'recipient' }],
        ['To Number', { field: 'phone', party: 'recipient' }],
        ['From: (Address)', { field: 'email', party: 'sender' }],
        ['To: (Address)', { field: 'email', party: 'recipient' }],
        ['From: (Name)', { field: 'full_name', party: 'sender' }],
        ['To: (Name)', { field: 'full_name', party: 'recipient' }],
        ['to_email', { field: 'email', party: 'recipient' }],
        ['Direction', { field: 'direction' }],
      ];
      for (const [column, spec] of cases) expect(recognizeColumn(column), column).toEqual(spec);
      for (const column of ['From: (Type)', 'date_from', 'reply_to', 'sent_to_crm']) expect(recognizeColumn(column), column).toEqual({ field: 'attribute' });
    });

    it("takes the customer from the row's direction: the sender of an inbound row, the recipient of an outbound one", () => {
      // Twilio's Messages export: the business's number is From on outbound rows.
      expect(read({ From: '+18885550100', To: '+1 415 555 0101', Direction: 'outbound-api', Body: 'Your order shipped' })).toEqual({
        name: undefined,
        keys: ['phone:+14155550101'],
        attributes: { From: '+18885550100', Direction: 'outbound-api', Body: 'Your order shipped' },
        warnings: [],
      });
      expect(read({ From: 'whatsapp:+5511987654321', To: 'whatsapp:+18885550100', Direction: 'inbound' })).toMatchObject({ keys: ['phone:+5511987654321'], attributes: { To: 'whatsapp:+18885550100' } });
      for (const [cell, key] of [
        ['outbound-reply', 'phone:+14155550101'],
        ['trunking-originating', 'phone:+14155550101'],
        ['Saída', 'phone:+14155550101'],
        ['MT', 'phone:+14155550101'],
        ['incoming', 'phone:+18885550100'],
        ['Recebida', 'phone:+18885550100'],
      ]) {
        expect(read({ From: '+18885550100', To: '+14155550101', direction: cell as string }), cell).toMatchObject({ keys: [key] });
      }
      // An outbound row of a log that lists senders only names no customer: no identifier, nothing keyed on the business.
      expect(read({ sender_number: '+18885550100', direction: 'outbound' })).toMatchObject({ keys: [], attributes: { sender_number: '+18885550100', direction: 'outbound' } });
    });

    it("reads rows without a direction by the business's own parties, else as inbound", () => {
      const rows = [
        { From: '+1 415 555 0101', To: '+18885550100' },
        { From: '+18885550100', To: '(415) 555-0101' },
        { From: '+44 20 7946 0958', To: '1-888-555-0100' },
        { From: '+18885550100', To: '+44 20 7946 0958' },
      ];
      const business = findBusinessParties(rows);
      expect(business).toEqual(['+18885550100']);
      // (A national number is read with a country: the CLI gives the ones the input shows.)
      const keys = (row: Record<string, string>): unknown => {
        const r = recordFromRow(row, { fallbackId: '1', businessParties: business, defaultCountry: 'US' });
        return r.success ? r.data.record.identifiers.map((i) => i.key) : r.issues;
      };
      expect(rows.map(keys)).toEqual([['phone:+14155550101'], ['phone:+14155550101'], ['phone:+442079460958'], ['phone:+442079460958']]);
      // Without them, the sender is the customer (the rows a log of inbound messages holds).
      expect(read({ From: '+18885550100', To: '+14155550101' })).toMatchObject({ keys: ['phone:+18885550100'], attributes: { To: '+14155550101' } });
      // A row naming only the recipient: the recipient.
      expect(read({ To: '+14155550101', Body: 'hi' })).toMatchObject({ keys: ['phone:+14155550101'] });
    });

    it("keeps the business's name and a display-name sender as attributes, not the customer's name or a broken phone", () => {
      // Outlook export: the business's mailbox name is no part of the customer's name.
      expect(read({ 'From: (Name)': 'Ana Souza', 'From: (Address)': 'ana@x.com', 'To: (Name)': 'Atendimento', 'To: (Address)': 'support@shop.example' })).toEqual({
        name: { full: 'Ana Souza' },
        keys: ['email:ana@x.com'],
        attributes: { 'To: (Name)': 'Atendimento', 'To: (Address)': 'support@shop.example' },
        warnings: [],
      });
      expect(read({ From: 'Ana Souza', Body: 'hi' })).toEqual({ name: undefined, keys: [], attributes: { From: 'Ana Souza', Body: 'hi' }, warnings: [] });
    });

    it('finds the business as the party on many rows, never a busy customer or a one-off', () => {
      const log = (pairs: [string, string][]): Record<string, string>[] => pairs.map(([From, To]) => ({ From, To }));
      const B = '+18885550100';
      const C = '+14155550101';
      // A customer with 3 of 10 rows stays a customer: the business is on all of them.
      const rows = log([[C, B], [B, C], [C, B], ['+14155550102', B], [B, '+14155550103'], ['+14155550104', B], ['+14155550105', B], [B, '+14155550106'], ['+14155550107', B], ['+14155550108', B]]);
      expect(findBusinessParties(rows)).toEqual([B]);
      // Two rows are too few to tell.
      expect(findBusinessParties(log([[C, B], [B, C]]))).toEqual([]);
      // Mailboxes compare by address; the truth column is never read.
      expect(findBusinessParties([{ 'From: (Address)': 'Ana <ana@x.com>', 'To: (Address)': 'Support@Shop.example', t: 'x' }, { 'From: (Address)': 'bob@y.com', 'To: (Address)': 'support@shop.example' }, { 'From: (Address)': 'carla@z.com', 'To: (Address)': 'support@shop.example' }], { exclude: ['t'] })).toEqual(['Support@Shop.example']);
    });
  });

  it('reads channel cells as exports write them', () => {
    const cases: [string, string][] = [
      ['WhatsApp Business', 'whatsapp'],
      ['Facebook Messenger', 'messenger'],
      ['IG DM', 'instagram'],
      ['Web Chat', 'webchat'],
      ['live-chat', 'webchat'],
      ['E-mail', 'email'],
      ['Text message', 'sms'],
      ['Phone call', 'voice'],
      ['In-store', 'store'],
      ['CRM export', 'crm'],
      ['LINE', 'line'],
    ];
    for (const [cell, channel] of cases) {
      const r = recordFromRow({ id: '1', channel: cell, name: 'Ana' });
      expect(r.success && r.data.record.channel, cell).toBe(channel);
      expect(r.success && r.data.warnings, cell).toEqual([]);
    }
    for (const cell of ['Facebook Ads', 'Instagram Lead Ads', 'pos-venda']) {
      const r = recordFromRow({ id: '1', channel: cell, name: 'Ana' });
      expect(r.success && r.data.record.channel, cell).toBe('crm'); // a lead source or after-sales, not a channel
    }
    const odd = recordFromRow({ id: '1', channel: 'carrier pigeon', name: 'Ana' });
    expect(odd.success && odd.data.record.channel).toBe('crm');
    expect(odd.success && odd.data.warnings.map((w) => w.message)).toEqual(['unknown channel "carrier pigeon" (kept as crm)']);
  });

  it('leaves names that describe a value, or name something else, as attributes', () => {
    const others = ['email_verified', 'phone_type', 'last_email_date', 'email_opt_in', 'company_name', 'account_name', 'phone_carrier', 'created_at', 'favourite_colour', 'address_line_3_notes'];
    // Another party's value, shared by many rows: read as an identifier it would merge them all.
    const shared = [
      'nickname', 'instagram_followers', 'fb_page_id', 'telegram_bot', 'account_owner_id', 'referrer_customer_id', 'company.name', 'mother_name',
      'nome_fantasia', 'emergency_contact_name', 'recipient_name', 'Account ID', 'Teléfono del Agente', 'Correo del Asesor', 'Nome do Atendente',
      'AssistantPhone', 'Support Email', 'cc_emails', 'Branch Phone', 'Sender Phone', 'sender_name', 'companies.0.name', 'owners.0.email',
      'companies.0.customer_id', 'line_items.0.id', 'entry.0.changes.0.value.metadata.display_phone_number',
    ];
    // Facts about a value, or not one at all.
    const facts = ['email_md5', 'postal_address', 'birth_place', 'country_of_birth', 'mobile_app_version', 'phone_model', 'phone_country_code', 'celular_ddd', 'email_subject', 'whatsapp_message', 'wa_message_id', 'user_agent', 'client_number'];
    for (const column of [...others, ...shared, ...facts]) {
      expect(recognizeColumn(column), column).toEqual({ field: 'attribute' });
    }
  });

  it('knows common column names in English, Portuguese and Spanish', () => {
    expect(recognizeColumn('E-mail Address')).toEqual({ field: 'email' });
    expect(recognizeColumn('First Name')).toEqual({ field: 'given_name' });
    expect(recognizeColumn('surname')).toEqual({ field: 'family_name' });
    expect(recognizeColumn('Sobrenome')).toEqual({ field: 'family_name' });
    expect(recognizeColumn('Celular')).toEqual({ field: 'phone' });
    expect(recognizeColumn('WhatsApp')).toEqual({ field: 'phone', channel: 'whatsapp' });
    expect(recognizeColumn('date_of_birth')).toEqual({ field: 'birth_date' });
    expect(recognizeColumn('CEP')).toEqual({ field: 'postcode' });
    expect(recognizeColumn('customer_id')).toEqual({ field: 'external_id' });
    expect(recognizeColumn('favourite colour')).toEqual({ field: 'attribute' });
  });

  it('knows German, French and Italian column names, and whole names asked for in one column', () => {
    const cases: [string, RowField][] = [
      ['Vorname', 'given_name'], ['Nachname', 'family_name'], ['Handynummer', 'phone'], ['Telefon', 'phone'], ['Festnetz', 'landline'],
      ['Geburtsdatum', 'birth_date'], ['Straße', 'address'], ['Hausnummer', 'street_number'], ['Ort', 'city'], ['Land', 'country'],
      ['Portable', 'phone'], ['Courriel', 'email'], ['Adresse', 'address'], ['Ville', 'city'], ['Pays', 'country'], ['Date de naissance', 'birth_date'],
      ['Cognome', 'family_name'], ['Cellulare', 'phone'], ['Indirizzo', 'address'], ['Città', 'city'], ['Data di nascita', 'birth_date'],
      ['Nombre y apellidos', 'full_name'], ['Nome e sobrenome', 'full_name'], ['First and last name', 'full_name'],
    ];
    for (const [column, field] of cases) expect(recognizeColumn(column).field, column).toBe(field);
    const r = recordFromRow({ Kundennummer: 'K-1', Vorname: 'Jürgen', Nachname: 'Groß', Handynummer: '0151 23456789', Land: 'Deutschland' }, { fallbackId: '1' });
    expect(r.success && [r.data.record.name, r.data.record.identifiers.map((i) => i.key)]).toEqual([{ given: 'Jürgen', family: 'Groß' }, ['phone:+4915123456789']]);
  });
});

describe('recordFromRow', () => {
  it('reads a messy omnichannel row into identifiers with keys, a name and a birth date', () => {
    const r = recordFromRow(
      { id: '17', channel: 'WhatsApp', name: ' Zé  Souza ', whatsapp: '5511987654321', 'E-mail': 'Ze.Souza+promo@Gmail.com', dob: '03/04/1985', instagram: '@ZeSouza', notes: 'VIP' },
      { defaultCountry: 'BR', source: 'export.csv' },
    );
    expect(r.success).toBe(true);
    if (!r.success) return;
    const { record, warnings } = r.data;
    expect(warnings).toEqual([]);
    expect(record).toMatchObject({ id: '17', channel: 'whatsapp', source: 'export.csv', name: { full: 'Zé  Souza' }, birthDate: '1985-04-03', attributes: { notes: 'VIP' } });
    expect(record.identifiers.map((i) => [i.kind, i.key, i.provenance?.channel])).toEqual([
      ['phone', 'phone:+5511987654321', 'whatsapp'],
      ['email', 'email:ze.souza+promo@gmail.com', 'whatsapp'],
      ['username', 'username:instagram:zesouza', 'instagram'],
    ]);
    expect(record.identifiers.every((i) => i.verified === false)).toBe(true);
  });

  it('joins FEBRL-style address columns and keeps national ids as attributes', () => {
    const r = recordFromRow({ rec_id: 'rec-1-org', given_name: 'lachlan', surname: 'berry', street_number: '69', address_1: 'giblin street', address_2: 'killarney', suburb: 'bittern', postcode: '4814', state: 'qld', date_of_birth: '19990219', soc_sec_id: '7364009' });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.record).toMatchObject({
      id: 'rec-1-org',
      name: { given: 'lachlan', family: 'berry' },
      birthDate: '1999-02-19',
      address: { line: '69 giblin street, killarney', city: 'bittern', postcode: '4814', region: 'qld' },
      attributes: { soc_sec_id: '7364009' },
    });
  });

  it('keeps values it cannot normalize, raw, and reports them as warnings', () => {
    const r = recordFromRow({ id: '1', email: 'not-an-email', phone: '12', dob: '31/02/1990' });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.record.identifiers).toEqual([
      expect.objectContaining({ kind: 'email', value: 'not-an-email' }),
      expect.objectContaining({ kind: 'phone', value: '12' }),
    ]);
    expect(r.data.record.identifiers.every((i) => i.key === undefined)).toBe(true);
    expect(r.data.record.attributes).toEqual({ dob: '31/02/1990' });
    expect(r.data.warnings.map((w) => w.path[0])).toEqual(['dob', 'email', 'phone']);
  });

  it('splits cells holding several emails or phones', () => {
    const r = recordFromRow({ id: '1', email: 'a@x.com; b@y.com' });
    expect(r.success && r.data.record.identifiers.map((i) => i.key)).toEqual(['email:a@x.com', 'email:b@y.com']);
  });

  it('fails a row with no id unless a fallback id is given, and honours an explicit mapping', () => {
    const none = recordFromRow({ name: 'Ana' });
    expect(none.success).toBe(false);
    const r = recordFromRow({ contato: 'Ana', fone: '+14155550100', truth: '9' }, { fallbackId: 'line-2', mapping: { contato: 'full_name', fone: 'phone' }, exclude: ['truth'] });
    expect(r.success && r.data.record).toMatchObject({ id: 'line-2', name: { full: 'Ana' }, identifiers: [{ key: 'phone:+14155550100' }] });
    expect(r.success && r.data.record.attributes).toBeUndefined();
  });
});

describe('row country', () => {
  it("reads national phones with the row's own country, falling back to the option", () => {
    const mx = recordFromRow({ id: '1', phone: '55 1234 5678', country: 'México' }, { defaultCountry: 'BR' });
    expect(mx.success && mx.data.record.identifiers[0]?.key).toBe('phone:+525512345678');
    const br = recordFromRow({ id: '2', phone: '(11) 98765-4321' }, { defaultCountry: 'BR' });
    expect(br.success && br.data.record.identifiers[0]?.key).toBe('phone:+5511987654321');
    const es = recordFromRow({ id: '3', phone: '612 345 678', pais: 'ES' });
    expect(es.success && es.data.record.identifiers[0]?.key).toBe('phone:+34612345678');
  });
});

describe('national phones on rows that name no country', () => {
  const keysOf = (row: Record<string, string>, candidateCountries?: readonly string[]): (string | undefined)[] => {
    const r = recordFromRow(row, candidateCountries !== undefined ? { candidateCountries } : {});
    if (!r.success) throw new Error('row rejected');
    const phone = r.data.record.identifiers.find((i) => i.kind === 'phone')!;
    return [phone.key, ...(phone.variantKeys ?? [])];
  };

  it('reads the number in one candidate country: where the input holds it, else the first where it is valid', () => {
    expect(keysOf({ id: '1', phone: '0341 15-219-0462' })).toEqual([undefined]);
    expect(keysOf({ id: '1', phone: '0341 15-219-0462' }, ['BR', 'AR'])).toEqual(['phone:+5493412190462', 'phone:+543412190462']);
    // Valid in France and in the Netherlands: read in one only, so it cannot bridge two customers.
    expect(keysOf({ id: '5', phone: '06 12 34 56 78' }, ['FR', 'NL'])).toEqual(['phone:+33612345678']);
    const read = (known: string[]): (string | undefined)[] => {
      const r = recordFromRow({ id: '5', phone: '06 12 34 56 78' }, { candidateCountries: ['FR', 'NL'], isKnownPhoneKey: (k) => known.includes(k) });
      const phone = r.success ? r.data.record.identifiers[0] : undefined;
      return [phone?.key, ...(phone?.variantKeys ?? [])];
    };
    expect(read(['phone:+31612345678'])).toEqual(['phone:+31612345678']);
    // Both readings are other customers' numbers: none is taken.
    expect(read(['phone:+31612345678', 'phone:+33612345678'])).toEqual([undefined]);
    // Parentheses read as a calling code without candidates (+81, Japan); the Brazilian reading joins.
    expect(keysOf({ id: '2', phone: '(81) 99764-1547' }, ['BR', 'MX'])).toContain('phone:+5581997641547');
  });

  it('never rereads numbers written with + or 00, nor rows that name their country', () => {
    expect(keysOf({ id: '3', phone: '+54 9 341 219-0462' }, ['BR'])).toEqual(['phone:+5493412190462', 'phone:+543412190462']);
    expect(keysOf({ id: '4', phone: '(81) 99764-1547', country: 'Mexico' }, ['BR'])).not.toContain('phone:+5581997641547');
  });

  it('takes the candidate countries from the rows that name one, most frequent first', () => {
    const rec = (country: string | undefined): Parameters<typeof frequentCountries>[0] extends Iterable<infer R> ? R : never => ({
      id: 'x',
      channel: 'crm',
      identifiers: [],
      ...(country !== undefined ? { address: { country } } : {}),
    });
    expect(frequentCountries([rec('Brasil'), rec('BR'), rec('Argentina'), rec(undefined), rec('Narnia')])).toEqual(['BR', 'AR']);
    expect(frequentCountries([])).toEqual([]);
  });
});

describe('columns named as Object.prototype members', () => {
  it('are attributes like any other name, never read through the prototype, and __proto__ is refused out loud', () => {
    expect(recognizeColumn('constructor')).toEqual({ field: 'attribute' });
    expect(recognizeColumn('toString')).toEqual({ field: 'attribute' });
    const r = recordFromRow(JSON.parse('{"id":"1","name":"Ana","constructor":"Bob Ltd","valueOf":"v","__proto__":"secret"}') as Record<string, string>, { mapping: {} });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.record.attributes).toEqual({ constructor: 'Bob Ltd', valueOf: 'v' });
    expect(r.data.warnings).toEqual([{ code: 'forbidden_key', path: ['__proto__'], message: 'a column named __proto__ cannot be an attribute (ignored)' }]);
    expect(countryCodeOf('constructor')).toBeUndefined();
  });
});
