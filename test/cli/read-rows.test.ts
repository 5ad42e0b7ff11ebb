import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readRows } from '../../src/cli/io/read-rows.js';

const dir = mkdtempSync(join(tmpdir(), 'omnilink-rows-'));

async function rowsOf(name: string, text: string): Promise<unknown[]> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const out: unknown[] = [];
  for await (const r of readRows(path, Readable.from([]))) out.push(r.ok ? r.row : { error: r.error, line: r.line });
  return out;
}

describe('readRows on JSONL', () => {
  it('reads an API export like the CSV of the same data', async () => {
    const line = {
      id: 7,
      name: { first: 'Ana', last: 'Souza' },
      phones: ['+5511987654321', '(11) 3333-4444'],
      emails: [{ value: 'ana@x.com', type: 'work' }],
      vip: true,
      tags: [],
      notes: null,
    };
    expect(await rowsOf('api.jsonl', `${JSON.stringify(line)}\n`)).toEqual([
      { id: '7', 'name.first': 'Ana', 'name.last': 'Souza', phones: '+5511987654321;(11) 3333-4444', 'emails.0.value': 'ana@x.com', 'emails.0.type': 'work', vip: 'true' },
    ]);
  });

  it('keeps __proto__ and constructor keys as plain columns without polluting anything, keeps what is too deep as JSON, and reports bad lines', async () => {
    const text = '{"id":"1","__proto__":{"admin":"yes"},"a":{"constructor":{"x":1},"b":{"c":{"d":{"e":"deep"}}}}}\n[1,2]\n{oops\n';
    const rows = await rowsOf('odd.jsonl', text);
    expect(Object.entries(rows[0] as object)).toEqual([['id', '1'], ['__proto__.admin', 'yes'], ['a.constructor.x', '1'], ['a.b.c.d', '{"e":"deep"}']]);
    expect(Object.getPrototypeOf(rows[0])).toBeNull();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(rows[1]).toEqual({ error: 'a line must be a JSON object', line: 2 });
    expect(rows[2]).toMatchObject({ line: 3 });
  });
});

describe('readRows on JSONL with long integers', () => {
  it('reads an id beyond 2^53 written as a JSON number with all its digits', async () => {
    expect(await rowsOf('big.jsonl', '{"id":1,"messenger_psid":24982647458290178}\n{"id":2,"messenger_psid":24982647458290179}\n')).toEqual([
      { id: '1', messenger_psid: '24982647458290178' },
      { id: '2', messenger_psid: '24982647458290179' },
    ]);
  });
});
