import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { recordFromRow } from '../../channels/contact-row.js';
import { inferOwnAddresses } from '../../channels/infer-own-addresses.js';
import { type DeliveryEnvelope, normalizeDelivery } from '../../channels/normalize-delivery.js';
import { scopeAccountIds } from '../../channels/scope-account-ids.js';
import type { ContactRecord } from '../../model/contact-record.js';
import { formatIssues } from '../../model/errors.js';
import type { NormalizedBatch } from '../../model/normalized-batch.js';
import { buildCustomerTimelines } from '../../timeline/build-customer-timelines.js';
import { toTimelineJson } from '../../timeline/to-timeline-json.js';
import { outboundFromStatuses } from '../../timeline/outbound-from-statuses.js';
import { type CliIO, type Command, UsageError } from '../command.js';
import { countryArg, parseArgs } from '../io/args.js';
import { NOT_UTF8, jsonlLines } from '../io/jsonl-lines.js';
import { checkWritable, openSink } from '../io/output.js';
import { Progress, counted } from '../io/progress.js';
import { formatOf, inputNames, isReservedColumn, readRows } from '../io/read-rows.js';
import { rereadNationalPhones } from '../national-phones.js';

const HELP = `Usage: omnilink timeline ENVELOPES [--out FILE] [options]

Build one timeline per person from webhook deliveries: normalize every delivery, resolve the
contacts into persons across channels, and merge their messages into one ordered, deduplicated
history with conversations that span channels.

ENVELOPES is JSONL (or - for stdin), one delivery per line:
  {"provider": "whatsapp", "receivedAt": "2024-05-01T10:00:00Z", "body": {...}}
  provider: whatsapp | messenger | instagram | telegram | twilio | line | email | webchat |
            voice (a Twilio voice webhook); may be omitted and is then detected
  (for email: "raw": "<RFC 5322 message>" instead of "body")

Output: one JSON line per person, in person-id order:
  {"personId", "identities": [...], "records": [record ids], "conversations": [...],
   "messages": [{"channel", "providerMessageId", "direction", "occurredAt", "receivedAt",
   "text", "status", ...}]}
Messages that no person could be found for come last, as {"personId": null, "messages": [...]}.

Options:
  --out FILE             write here instead of stdout
  --contacts FILE        a contact list (CSV/JSONL, as for dedupe) that helps link channels;
                         may be given several times (a bare psid is matched under the
                         Messenger pages and Instagram accounts the deliveries show)
  --default-country CC   country for national-format phone numbers
  --own-address ADDR     an email address or @domain of the business (outbound email); repeatable.
                         Without it the business's addresses are inferred from the mail: the
                         address most senders write to, those of its side that answer and of
                         its company domain (printed on stderr unless --quiet); --own-address
                         none turns it off
  --session-gap MIN      minutes of silence that end a conversation (default 30)
  --threshold P          match probability at or above which records merge (default 0.9)
  --quiet                no progress on stderr
  -h, --help             show this help
`;

function repeated(args: readonly string[], name: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === name) {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      values.push(v);
    } else if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1));
    else rest.push(arg);
  }
  return { values, rest };
}

async function readContacts(path: string, name: string, io: CliIO, defaultCountry: string | undefined): Promise<{ records: ContactRecord[]; rejected: number }> {
  const records: ContactRecord[] = [];
  let rejected = 0;
  const rows: { row: Record<string, string>; line: number; recordId: string }[] = [];
  // Columns named as JavaScript reserves (`__proto__`, `constructor`) are never evidence.
  const read = (row: Record<string, string>, line: number, candidateCountries?: readonly string[], isKnownPhoneKey?: (key: string) => boolean): ReturnType<typeof recordFromRow> =>
    recordFromRow(row, {
      exclude: Object.keys(row).filter(isReservedColumn),
      fallbackId: `line-${line}`,
      idPrefix: `${name}#`,
      source: name,
      ...(defaultCountry !== undefined ? { defaultCountry } : {}),
      ...(candidateCountries !== undefined ? { candidateCountries } : {}),
      ...(isKnownPhoneKey !== undefined ? { isKnownPhoneKey } : {}),
    });
  for await (const r of readRows(path, io.stdin, { name, onNote: (text) => io.stderr.write(`omnilink timeline: ${text}\n`) })) {
    if (!r.ok) {
      rejected++;
      io.stderr.write(`omnilink timeline: ${name}:${r.line}: ${r.error}\n`);
      continue;
    }
    const made = read(r.row, r.line);
    if (made.success) {
      records.push(made.data.record);
      rows.push({ row: r.row, line: r.line, recordId: made.data.record.id });
    } else {
      rejected++;
      io.stderr.write(`omnilink timeline: ${name}:${r.line}: ${formatIssues(made.issues)}\n`);
    }
  }
  if (defaultCountry === undefined) rereadNationalPhones(rows, records, (r, countries, known) => read(r.row, r.line, countries, known));
  return { records, rejected };
}

/** The `timeline` command. */
export const timelineCommand: Command = {
  name: 'timeline',
  summary: 'webhook deliveries (JSONL) -> one merged timeline per person',
  help: HELP,
  async run(args: readonly string[], io: CliIO): Promise<number> {
    const contactsArg = repeated(args, '--contacts');
    const ownArg = repeated(contactsArg.rest, '--own-address');
    const parsed = parseArgs(ownArg.rest, ['--out', '--default-country', '--session-gap', '--threshold'], ['--quiet']);
    const [input, ...extra] = parsed.positional;
    if (input === undefined) throw new UsageError('ENVELOPES is required (a JSONL file, or - for stdin)');
    if (extra.length > 0) throw new UsageError(`one ENVELOPES file only (got ${[input, ...extra].join(', ')})`);
    for (const c of contactsArg.values) if (formatOf(c) === undefined || c === '-') throw new UsageError(`--contacts ${c}: expected a .csv or .jsonl file`);
    const defaultCountry = countryArg(parsed.options.get('--default-country'));
    const gapText = parsed.options.get('--session-gap');
    const gap = gapText === undefined ? undefined : Number(gapText);
    if (gap !== undefined && !(gap > 0)) throw new UsageError('--session-gap must be a positive number of minutes');
    const thresholdText = parsed.options.get('--threshold');
    const threshold = thresholdText === undefined ? 0.9 : Number(thresholdText);
    if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be a probability between 0 and 1');
    const outPath = parsed.options.get('--out');
    if (outPath !== undefined) checkWritable('--out', outPath);
    const progress = new Progress(io.stderr, !parsed.flags.has('--quiet'), 'timeline');

    const contacts: ContactRecord[] = [];
    // Distinct names (record ids are `<name>#<id>`), even for two lists of one file name.
    const contactNames = inputNames(contactsArg.values);
    for (const [index, path] of contactsArg.values.entries()) {
      try {
        // (A loop, not push(...records): a list of more than ~120k rows would overflow the stack.)
        for (const record of (await readContacts(path, contactNames[index]!, io, defaultCountry)).records) contacts.push(record);
      } catch (error) {
        io.stderr.write(`omnilink timeline: cannot read ${path}: ${(error as Error).message}\n`);
        return 1;
      }
    }

    const stream = input === '-' ? io.stdin : createReadStream(input);
    if (input !== '-') {
      try {
        await once(stream as NodeJS.ReadableStream & NodeJS.EventEmitter, 'open');
      } catch (error) {
        io.stderr.write(`omnilink timeline: cannot read ${input}: ${(error as Error).message}\n`);
        return 1;
      }
    }
    const batches: NormalizedBatch[] = [];
    /** Email deliveries and where their batch sits, to normalize again once own addresses are inferred. */
    const emails: { at: number; envelope: DeliveryEnvelope }[] = [];
    const inferOwn = ownArg.values.length === 0;
    let rejected = 0;
    const own = ownArg.values.filter((v) => v.toLowerCase() !== 'none');
    // An address or @domain: anything else would turn the guessing off and match nothing.
    for (const v of own) {
      const at = v.trim().lastIndexOf('@');
      const domain = v.trim().slice(at + 1);
      if (at < 0 || !domain.includes('.') || /[\s@]/.test(domain)) throw new UsageError(`--own-address ${v}: expected an email address or @domain (or none)`);
    }
    const options = { ...(defaultCountry !== undefined ? { defaultCountry } : {}), ...(own.length > 0 ? { ownAddresses: own } : {}) };
    for await (const { line, text, notUtf8 } of jsonlLines(stream)) {
      if (text.trim() === '') continue;
      if (notUtf8) io.stderr.write(`omnilink timeline: line ${line}: ${NOT_UTF8}\n`);
      let envelope: unknown;
      try {
        envelope = JSON.parse(text);
      } catch (error) {
        rejected++;
        io.stderr.write(`omnilink timeline: line ${line}: not JSON: ${(error as Error).message}\n`);
        continue;
      }
      const r = await normalizeDelivery(envelope as DeliveryEnvelope, options);
      if (!r.success) {
        rejected++;
        io.stderr.write(`omnilink timeline: line ${line}: ${formatIssues(r.issues.slice(0, 3))}\n`);
        continue;
      }
      if (inferOwn && r.data.messages.some((m) => m.channel === 'email')) emails.push({ at: batches.length, envelope: envelope as DeliveryEnvelope });
      batches.push(r.data);
      progress.tick(batches.length, 'deliveries read');
    }
    if (emails.length > 0) {
      const inferred = inferOwnAddresses(emails.flatMap(({ at }) => (batches[at] as NormalizedBatch).messages));
      if (inferred.length > 0) {
        progress.note(`business email addresses (inferred; set them with --own-address): ${inferred.join(', ')}`);
        for (const { at, envelope } of emails) {
          const again = await normalizeDelivery(envelope, { ...options, ownAddresses: inferred });
          if (again.success) batches[at] = again.data;
        }
      }
    }
    if (batches.length === 0) {
      io.stderr.write('omnilink timeline: no delivery could be read\n');
      return 1;
    }
    // A contact list's bare PSIDs meet the page-scoped ids of the Messenger and Instagram webhooks.
    const namespaces = new Set<string>();
    for (const b of batches) for (const r of b.records) for (const i of r.identifiers) if (i.namespace !== undefined) namespaces.add(i.namespace);
    const hub = buildCustomerTimelines(batches, {
      contacts: scopeAccountIds(contacts, namespaces),
      matchThreshold: threshold,
      possibleThreshold: Math.min(threshold, 0.5),
      ...(defaultCountry !== undefined ? { defaultCountry } : {}),
      ...(gap !== undefined ? { sessionGapMs: gap * 60_000 } : {}),
    });
    // Statuses of messages the business sent through an API (never echoed): the messages they describe.
    const fromStatuses = outboundFromStatuses(hub.timeline.waitingEvents());
    if (fromStatuses.messages.length > 0) hub.ingest(fromStatuses);
    const sink = openSink(parsed.options.get('--out'), io.stdout);
    const persons = hub.timeline.persons();
    for (const id of persons) {
      // The person's record ids beside its identities: how a CRM joins a person back to its rows
      // (a --contacts row is <file>#<its id column>).
      const { personId, identities, conversations, messages } = toTimelineJson(hub.timeline, id);
      await sink.write(JSON.stringify({ personId, identities, records: hub.resolver.person(personId)?.recordIds ?? [], conversations, messages }));
    }
    const unassigned = hub.timeline.unassigned().entries.map(({ message: _message, ...rest }) => rest);
    if (unassigned.length > 0) await sink.write(JSON.stringify({ personId: null, messages: unassigned }));
    await sink.close();
    const pending = hub.timeline.stats().pendingEvents;
    progress.note(
      `${rejected > 0 ? `${batches.length} of ${counted(batches.length + rejected, 'delivery', 'deliveries')} read (${rejected} rejected)` : counted(batches.length, 'delivery', 'deliveries')} -> ${counted(persons.length, 'person')} with messages` +
        `${unassigned.length > 0 ? `, ${counted(unassigned.length, 'message')} without a person` : ''}` +
        `${fromStatuses.messages.length > 0 ? `; ${counted(fromStatuses.messages.length, 'outbound message')} known only from status receipts (no text)` : ''}` +
        `${pending > 0 ? `; ${counted(pending, 'event waits', 'events wait')} for a message not in the input (edits or reactions of messages not received)` : ''}` +
        `; ${counted(hub.resolver.suggestions().length, 'possible match', 'possible matches')} left for review`,
    );
    return 0;
  },
};
