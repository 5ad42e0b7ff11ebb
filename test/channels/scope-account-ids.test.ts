import { describe, expect, it } from 'vitest';
import { scopeAccountIds } from '../../src/channels/scope-account-ids.js';
import { recordFromRow } from '../../src/channels/contact-row.js';
import type { ContactRecord } from '../../src/model/contact-record.js';

function row(cells: Record<string, string>): ContactRecord {
  const r = recordFromRow(cells);
  if (!r.success) throw new Error('unreadable row');
  return r.data.record;
}

describe('scopeAccountIds', () => {
  it("puts a contact list's bare PSID and IGSID under every page and account the webhooks show", () => {
    const crm = row({ id: 'C-1', psid: '6543210987654321', ig_user_id: '17841400000001', email: 'ana@x.com' });
    const [scoped] = scopeAccountIds([crm], ['messenger:page:222', 'messenger:page:111', 'instagram:account:9', 'telegram', 'messenger:page:111']);
    expect(scoped!.identifiers.map((i) => i.key)).toEqual([
      'user_id:messenger:6543210987654321',
      'user_id:messenger:page:111:6543210987654321',
      'user_id:messenger:page:222:6543210987654321',
      'user_id:instagram:17841400000001',
      'user_id:instagram:account:9:17841400000001',
      'email:ana@x.com',
    ]);
  });

  it('leaves records alone when no page is known or nothing is bare', () => {
    const crm = row({ id: 'C-1', psid: '6543210987654321' });
    const other = row({ id: 'C-2', email: 'bo@x.com' });
    const same = scopeAccountIds([crm, other], ['instagram:account:9']);
    expect(same[0]).toBe(crm);
    expect(same[1]).toBe(other);
    expect(scopeAccountIds([crm], [])[0]).toBe(crm);
  });
});
