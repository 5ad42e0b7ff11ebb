import { expectTypeOf, test } from 'vitest';
import type { Channel, ContactRecord, Identifier, MessageEvent, Result } from '../../src/index.js';
import { safeParseContactRecord } from '../../src/index.js';

test('public model types', () => {
  expectTypeOf<Channel>().toEqualTypeOf<
    'whatsapp' | 'sms' | 'voice' | 'email' | 'messenger' | 'instagram' | 'telegram' | 'line' | 'webchat' | 'store' | 'crm' | 'other'
  >();
  expectTypeOf(safeParseContactRecord).returns.toEqualTypeOf<Result<ContactRecord>>();
  expectTypeOf<Identifier['value']>().toEqualTypeOf<string>();
  expectTypeOf<MessageEvent['type']>().toEqualTypeOf<'status' | 'edit' | 'delete' | 'reaction' | 'identity_change'>();
  // exactOptionalPropertyTypes: an optional field can be absent, never explicitly undefined.
  expectTypeOf<{ id: string; channel: 'crm'; identifiers: []; source: undefined }>().not.toMatchTypeOf<ContactRecord>();
});
