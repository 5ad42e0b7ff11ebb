import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';

function sink(): PassThrough & { text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString('utf8') });
}

async function cli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = sink();
  const stderr = sink();
  const code = await run(args, { stdout, stderr, stdin: Readable.from([stdin]) });
  return { code, out: stdout.text(), err: stderr.text() };
}

const payload = (folder: string, name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/channel-payloads/${folder}/${name}`, import.meta.url), 'utf8'));
const RECEIVED = '2025-01-01T00:00:00Z';

const jsonl = [
  JSON.stringify({ provider: 'whatsapp', receivedAt: RECEIVED, body: payload('whatsapp-cloud', 'text.json') }),
  JSON.stringify({ receivedAt: RECEIVED, body: payload('messenger', 'delivery-receipt.json') }),
  '{"provider": "whatsapp", "receivedAt": ',
  '',
  JSON.stringify({ provider: 'fax', receivedAt: RECEIVED, body: {} }),
  JSON.stringify({ provider: 'instagram', receivedAt: RECEIVED, body: payload('instagram', 'chatwoot-shared-reel.json') }),
  JSON.stringify({ receivedAt: RECEIVED, body: payload('whatsapp-cloud', 'system-user-changed-number.json') }),
].join('\n');

interface OutLine {
  type: string;
  line: number;
  [key: string]: unknown;
}
const parseOut = (out: string): OutLine[] => out.trimEnd().split('\n').map((l) => JSON.parse(l) as OutLine);

describe('omnilink normalize', () => {
  it('streams JSONL envelopes from stdin to one JSON item per line, tagged with the input line', async () => {
    const { code, out, err } = await cli(['normalize', '-'], jsonl);
    expect(code).toBe(0);
    const lines = parseOut(out);
    expect(lines.map((l) => [l.line, l.type])).toEqual([
      [1, 'record'],
      [1, 'message'],
      [2, 'record'],
      [2, 'event'], // the receipt's mid
      [2, 'event'], // and its watermark, which covers every earlier message
      [6, 'record'],
      [6, 'message'],
      [7, 'record'],
      [7, 'event'],
      [7, 'issue'],
      [7, 'issue'],
    ]);
    expect(lines[1]!['message']).toMatchObject({ id: 'whatsapp:wamid.xyzxyz', text: 'Body Text', direction: 'inbound', receivedAt: '2025-01-01T00:00:00.000Z' });
    expect(lines[3]!['event']).toMatchObject({ type: 'status', status: 'delivered', targetMessageId: 'mid.1458668856218:ed81099e15d3f4f233' });
    expect(lines[4]!['event']).toMatchObject({ type: 'status', status: 'delivered', watermark: expect.any(String) as string });
    expect(lines[6]!['message']).toMatchObject({ id: 'instagram:message-id-1', attachments: [{ type: 'reel' }] });
    expect(lines[9]!['issue']).toMatchObject({ code: 'too_small', path: ['entry', 0, 'changes', 0, 'value', 'metadata', 'display_phone_number'] });
    // Bad lines are reported with their number and do not stop the batch.
    const errLines = err.trimEnd().split('\n');
    expect(errLines[0]).toMatch(/^omnilink normalize: line 3: not JSON: /);
    expect(errLines[1]).toBe('omnilink normalize: line 5: provider: unknown provider "fax" (unsupported)');
    expect(errLines[2]).toBe('omnilink normalize: 4 of 6 deliveries read (2 rejected): 4 records, 2 messages, 3 events, 0 unsupported, 2 issues');
  });

  it('reads a file and writes --out FILE; --default-country is accepted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnilink-normalize-'));
    const input = join(dir, 'in.jsonl');
    const output = join(dir, 'out.jsonl');
    // The same delivery twice (a redelivery): normalized twice, counted once as a distinct id.
    const line = `${JSON.stringify({ receivedAt: RECEIVED, body: payload('messenger', 'text.json') })}\r\n`;
    writeFileSync(input, line + line);
    const { code, out, err } = await cli(['normalize', input, '--out', output, '--default-country=br']);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(err).toBe(
      'omnilink normalize: 2 of 2 deliveries read: 2 records, 2 messages (1 distinct id; redeliveries are written again, the timeline command folds them), 0 events, 0 unsupported, 0 issues\n',
    );
    expect(parseOut(readFileSync(output, 'utf8')).map((l) => [l.type, l.line])).toEqual([
      ['record', 1],
      ['message', 1],
      ['record', 2],
      ['message', 2],
    ]);
  });

  it('normalizes email envelopes (raw RFC 5322) and web chat events in the same stream', async () => {
    const raw = readFileSync(new URL('../fixtures/channel-payloads/email/talon-yahoo-reply-in-reply-to.eml', import.meta.url), 'utf8');
    const input = [
      JSON.stringify({ provider: 'email', receivedAt: RECEIVED, raw }),
      JSON.stringify({ receivedAt: RECEIVED, body: { schema: 'omnilink.webchat/v1', type: 'message', visitorId: 'v-1', sessionId: 's-1', messageId: 'w-1', sentAt: RECEIVED, text: 'hi' } }),
    ].join('\n');
    const { code, out } = await cli(['normalize', '-'], input);
    expect(code).toBe(0);
    const messages = parseOut(out).filter((l) => l.type === 'message');
    expect(messages.map((l) => [l.line, (l['message'] as { provider: string }).provider])).toEqual([
      [1, 'email'],
      [2, 'webchat'],
    ]);
  });

  it('exits 1 when nothing could be read, or the file does not exist', async () => {
    const bad = await cli(['normalize', '-'], 'nope\n{"receivedAt":"x","body":{}}\n');
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toContain('line 1: not JSON');
    expect(bad.err).toContain('line 2: receivedAt: receivedAt must be an ISO-8601 date-time (invalid_value)');
    expect((await cli(['normalize', '-'], '')).code).toBe(1);
    const missing = await cli(['normalize', '/nonexistent/deliveries.jsonl']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^omnilink normalize: cannot read \/nonexistent\/deliveries.jsonl: /);
  });

  it('usage errors exit 2 with one line on stderr', async () => {
    for (const args of [['normalize'], ['normalize', '-', '--bogus'], ['normalize', 'a', 'b'], ['normalize', '-', '--default-country', 'XX'], ['normalize', '-', '--out']]) {
      const r = await cli(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^omnilink normalize: .* \(see omnilink normalize --help\)\n$/);
    }
  });

  it('--help explains the envelope and output formats; the command is listed', async () => {
    const help = await cli(['normalize', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: omnilink normalize ENVELOPES');
    expect(help.out).toContain('{"type": "event",       "line": 1, "event": {...}}');
    expect((await cli(['--help'])).out).toMatch(/normalize\s+normalize webhook deliveries/);
  });
});
