import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonlLines } from '../../src/cli/io/jsonl-lines.js';
import { cli } from './_run.js';

const dir = mkdtempSync(join(tmpdir(), 'omnilink-jsonl-'));
const file = (name: string, bytes: Buffer | string): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const envelopes = readFileSync(fileURLToPath(new URL('../../demo/data/envelopes.jsonl', import.meta.url)));

describe('JSONL starting with a UTF-8 byte-order mark', () => {
  it('dedupe reads its first line', async () => {
    const r = await cli(['dedupe', file('bom.jsonl', Buffer.concat([BOM, Buffer.from('{"id":"1","name":"Ana"}\n')])), '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ id: '1', name: 'Ana' });
  });

  it('normalize and timeline read its first delivery', async () => {
    const plain = file('env.jsonl', envelopes);
    const bom = file('bomenv.jsonl', Buffer.concat([BOM, envelopes]));
    const [n1, n2] = [await cli(['normalize', plain]), await cli(['normalize', bom])];
    expect(n2.code).toBe(0);
    expect(n2.stdout).toBe(n1.stdout);
    const [t1, t2] = [await cli(['timeline', plain, '--quiet', '--own-address', '@loja.example']), await cli(['timeline', bom, '--quiet', '--own-address', '@loja.example'])];
    expect(t2.stderr).toBe(t1.stderr);
    expect(t2.stdout).toBe(t1.stdout);
  });

  it('eval reads its first row', async () => {
    const out = file('bom-out.jsonl', Buffer.concat([BOM, Buffer.from('{"id":"1","person_id":"p1","truth":"a"}\n{"id":"2","person_id":"p1","truth":"a"}\n')]));
    const r = await cli(['eval', out, '--truth-column', 'truth']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ records: 2, unreadableRows: 0, truePositives: 1 });
  });
});

describe('JSONL lines that are not UTF-8', () => {
  it('dedupe reads a Latin-1 line as Latin-1 and names it on stderr, instead of writing U+FFFD', async () => {
    const latin1 = file('l1.jsonl', Buffer.from('{"id":"1","name":"José"}\n{"id":"2","name":"Zoë"}\n', 'latin1'));
    const r = await cli(['dedupe', latin1, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\uFFFD');
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { name: string }).name)).toEqual(['José', 'Zoë']);
    expect(r.stderr).toContain('l1.jsonl:1: not valid UTF-8 (JSON must be); read as Windows-1252/Latin-1');
    expect(r.stderr).toContain('l1.jsonl:2: not valid UTF-8');
  });

  it('normalize says which delivery was not UTF-8', async () => {
    const line = JSON.stringify({ provider: 'telegram', receivedAt: '2024-05-01T10:00:00Z', body: { update_id: 1, message: { message_id: 5, date: 1714557600, chat: { id: 42, type: 'private' }, from: { id: 42, is_bot: false, first_name: 'José' }, text: 'olá' } } });
    const r = await cli(['normalize', file('l1-env.jsonl', Buffer.from(`${line}\n`, 'latin1'))]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('line 1: not valid UTF-8');
    expect(r.stdout).toContain('olá');
  });
});

describe('jsonlLines', () => {
  it('splits at LF, CRLF and a lone CR across chunk boundaries, keeping a character cut between chunks whole', async () => {
    const bytes = Buffer.from('\uFEFFa\r\nb\n\nção\rd', 'utf8');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    const lines: unknown[] = [];
    for await (const l of jsonlLines(Readable.from(chunks))) lines.push([l.line, l.text, l.notUtf8]);
    expect(lines).toEqual([[1, 'a', false], [2, 'b', false], [3, '', false], [4, 'ção', false], [5, 'd', false]]);
  });

  it('reads a file with a UTF-16 byte-order mark as UTF-16 (PowerShell 5 writes one), split the same way byte by byte', async () => {
    for (const [bom, encode] of [
      [[0xff, 0xfe], (t: string) => Buffer.from(t, 'utf16le')],
      [[0xfe, 0xff], (t: string) => Buffer.from(t, 'utf16le').swap16()],
    ] as const) {
      const bytes = Buffer.concat([Buffer.from(bom), encode('{"a":"ção"}\r\n{"b":"😀"}\r\rlast')]);
      const lines: unknown[] = [];
      for await (const l of jsonlLines(Readable.from([...bytes].map((b) => Buffer.from([b]))))) lines.push([l.line, l.text, l.notUtf8]);
      expect(lines).toEqual([[1, '{"a":"ção"}', false], [2, '{"b":"😀"}', false], [3, '', false], [4, 'last', false]]);
    }
  });

  it('reads a line that is not UTF-8 as Windows-1252 from its own table (€ – “ ”), not as Latin-1', async () => {
    const lines: unknown[] = [];
    for await (const l of jsonlLines(Readable.from([Buffer.from([0x7b, 0x80, 0x20, 0x96, 0x20, 0x93, 0x94, 0x7d, 0x0a])]))) lines.push([l.text, l.notUtf8]);
    expect(lines).toEqual([['{€ – “”}', true]]);
  });
});
