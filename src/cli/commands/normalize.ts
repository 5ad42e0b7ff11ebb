import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { normalizeDelivery } from '../../channels/normalize-delivery.js';
import type { DeliveryEnvelope } from '../../channels/normalize-delivery.js';
import { formatIssues } from '../../model/errors.js';
import type { Issue } from '../../model/issue.js';
import { type CliIO, type Command, UsageError } from '../command.js';
import { countryArg } from '../io/args.js';
import { NOT_UTF8, jsonlLines } from '../io/jsonl-lines.js';
import { checkWritable } from '../io/output.js';
import { counted } from '../io/progress.js';

const HELP = `Usage: omnilink normalize ENVELOPES [--out FILE] [--default-country CC]

Normalize webhook deliveries into channel-agnostic records, messages and events.

ENVELOPES is a JSONL file (or - for stdin), one delivery per line:
  {"provider": "whatsapp", "receivedAt": "2024-05-01T10:00:00Z", "body": {...}}
  provider: whatsapp | messenger | instagram | telegram | twilio | line | email | webchat |
            voice (a Twilio voice webhook, read by the Twilio adapter)
            (optional: detected from the body when absent)
  body:     the provider's JSON body, or Twilio's form fields as an object
  raw:      for email, the RFC 5322 message instead of body

Output: one JSON line per normalized item, tagged with the input line it came from:
  {"type": "record",      "line": 1, "record": {...}}       a contact record
  {"type": "message",     "line": 1, "message": {...}}      a message
  {"type": "event",       "line": 1, "event": {...}}        a status, edit, delete, reaction or identity change
  {"type": "unsupported", "line": 1, "unsupported": {...}}  a part omnilink does not model, kept raw
  {"type": "issue",       "line": 1, "issue": {...}}        a malformed part of an otherwise readable delivery

JSONL is UTF-8 (a byte-order mark is skipped); a line that is not is read as Windows-1252/Latin-1
and named on stderr. A line that cannot be read at all is reported on stderr with its line
number; the other lines are still normalized. The exit code is 0 when at least one delivery was
read, 1 when none was, 2 on a usage error.

Options:
  --out FILE              write to FILE instead of stdout
  --default-country CC    ISO 3166-1 alpha-2 country for national-format phone numbers
  -h, --help              show this help
`;

/** Longest envelope line read (the body limit of normalizeDelivery, plus the envelope itself). */
/** A line holds one envelope: an email's raw text may be up to MAX_EMAIL_BYTES (JSON-escaped, a little longer). */
const MAX_LINE = 50_000_000;
/** Report progress on stderr every this many lines. */
const PROGRESS_EVERY = 100_000;

interface Options {
  readonly input: string;
  readonly out?: string;
  readonly defaultCountry?: string;
}

function parseArgs(args: readonly string[]): Options {
  let input: string | undefined;
  let out: string | undefined;
  let defaultCountry: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (name === '--out' || name === '-o') out = value();
    else if (name === '--default-country') defaultCountry = value().toUpperCase();
    else if (arg !== '-' && arg.startsWith('-')) throw new UsageError(`unknown option ${name}`);
    else if (input !== undefined) throw new UsageError(`one ENVELOPES file only (got ${input} and ${arg})`);
    else input = arg;
  }
  if (input === undefined) throw new UsageError('ENVELOPES is required (a JSONL file, or - for stdin)');
  countryArg(defaultCountry);
  if (out !== undefined) checkWritable('--out', out);
  return { input, ...(out !== undefined ? { out } : {}), ...(defaultCountry !== undefined ? { defaultCountry } : {}) };
}

/** Write and respect backpressure, so a large input never buffers all its output in memory. */
async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream as NodeJS.WritableStream & NodeJS.EventEmitter, 'drain');
}

function describeFailure(issues: readonly Issue[]): string {
  return formatIssues(issues.slice(0, 5)) + (issues.length > 5 ? `; and ${issues.length - 5} more` : '');
}

async function normalizeLines(options: Options, io: CliIO): Promise<number> {
  const input = options.input === '-' ? io.stdin : createReadStream(options.input);
  const opened = options.input === '-' ? Promise.resolve() : once(input as NodeJS.ReadableStream & NodeJS.EventEmitter, 'open');
  try {
    await opened;
  } catch (error) {
    io.stderr.write(`omnilink normalize: cannot read ${options.input}: ${(error as Error).message}\n`);
    return 1;
  }
  const out = options.out !== undefined ? createWriteStream(options.out) : io.stdout;
  const counts = { lines: 0, read: 0, rejected: 0, record: 0, message: 0, event: 0, unsupported: 0, issue: 0 };
  const emit = async (type: keyof typeof counts, line: number, item: unknown): Promise<void> => {
    counts[type]++;
    await write(out, `${JSON.stringify({ type, line, [type]: item })}\n`);
  };
  const reject = (line: number, why: string): void => {
    counts.rejected++;
    io.stderr.write(`omnilink normalize: line ${line}: ${why}\n`);
  };

  // A redelivered message is normalized again (one line per delivery): the summary counts ids too.
  const messageIds = new Set<string>();
  for await (const { line: lineNumber, text, notUtf8 } of jsonlLines(input)) {
    if (lineNumber % PROGRESS_EVERY === 0) io.stderr.write(`omnilink normalize: ${lineNumber} lines read\n`);
    if (text.trim() === '') continue;
    if (notUtf8) io.stderr.write(`omnilink normalize: line ${lineNumber}: ${NOT_UTF8}\n`);
    counts.lines++;
    if (text.length > MAX_LINE) {
      reject(lineNumber, `line longer than ${MAX_LINE} characters`);
      continue;
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch (error) {
      reject(lineNumber, `not JSON: ${(error as Error).message}`);
      continue;
    }
    const r = await normalizeDelivery(envelope as DeliveryEnvelope, options.defaultCountry !== undefined ? { defaultCountry: options.defaultCountry } : {});
    if (!r.success) {
      reject(lineNumber, describeFailure(r.issues));
      continue;
    }
    counts.read++;
    for (const record of r.data.records) await emit('record', lineNumber, record);
    for (const message of r.data.messages) {
      messageIds.add(message.id);
      await emit('message', lineNumber, message);
    }
    for (const event of r.data.events) await emit('event', lineNumber, event);
    for (const item of r.data.unsupported) await emit('unsupported', lineNumber, item);
    for (const issue of r.data.issues) await emit('issue', lineNumber, issue);
  }
  if (out !== io.stdout) {
    out.end();
    await once(out as NodeJS.WritableStream & NodeJS.EventEmitter, 'finish');
  }
  io.stderr.write(
    `omnilink normalize: ${counts.read} of ${counts.lines} deliveries read` +
      `${counts.rejected > 0 ? ` (${counts.rejected} rejected)` : ''}: ` +
      `${counts.record} records, ${counts.message} messages${messageIds.size < counts.message ? ` (${counted(messageIds.size, 'distinct id')}; redeliveries are written again, the timeline command folds them)` : ''}, ` +
      `${counts.event} events, ${counts.unsupported} unsupported, ${counts.issue} issues\n`,
  );
  return counts.read > 0 ? 0 : 1;
}

/**
 * `omnilink normalize ENVELOPES`: JSONL webhook deliveries in, one normalized item per line out.
 *
 * @example
 * ```sh
 * omnilink normalize deliveries.jsonl --out normalized.jsonl --default-country BR
 * cat deliveries.jsonl | omnilink normalize - | jq 'select(.type == "message") | .message.text'
 * ```
 */
export const normalizeCommand: Command = {
  name: 'normalize',
  summary: 'normalize webhook deliveries (JSONL) into records, messages and events',
  help: HELP,
  run(args: readonly string[], io: CliIO): Promise<number> {
    return normalizeLines(parseArgs(args), io);
  },
};
