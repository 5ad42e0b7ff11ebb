import { readFileSync, rmSync } from 'node:fs';
import { type ColumnMapping, channelOfName, findBusinessParties, recordFromRow } from '../../channels/contact-row.js';
import type { Channel } from '../../model/channel.js';
import type { MatchModel } from '../../match/match-model.js';
import { safeLoadModel, saveModel } from '../../match/save-model.js';
import { trainModel } from '../../match/train-model.js';
import type { ContactRecord } from '../../model/contact-record.js';
import { formatIssues } from '../../model/errors.js';
import { evaluateClusters } from '../../resolve/evaluate-clusters.js';
import { createModelScorer } from '../../resolve/model-scorer.js';
import { createResolver } from '../../resolve/resolver.js';
import type { LinkEvidence, UniqueIdentifierRule } from '../../resolve/resolver-types.js';
import { type CliIO, type Command, UsageError } from '../command.js';
import { countryArg, parseArgs } from '../io/args.js';
import { checkWritable, openSink, outputFormatOf, RowWriter } from '../io/output.js';
import { type InputRow, formatOf, inputNames, isReservedColumn, readRows } from '../io/read-rows.js';
import { Progress, columnList, counted } from '../io/progress.js';
import { heapWarning } from '../memory-check.js';
import { rereadNationalPhones } from '../national-phones.js';
import { readDedupeConfig } from '../dedupe-config.js';
import { reviewQueue } from '../review-queue.js';
import { decideSameIdRows } from '../same-id-rows.js';

const HELP = `Usage: omnilink dedupe INPUT... [options]

Link the rows of one or more contact lists (CSV or JSONL; - reads JSONL from stdin, once) into persons.
Every input row comes out with every input column, plus:
  source_file        the input it came from (when there are several inputs): its file name, or
                     for inputs of one file name the end of the path that tells them apart
  person_id          the person it belongs to (stable: derived from the records, not the run)
  match_probability  the probability of the link that joined it to its person (empty when alone)

Columns are recognised by name: id/record_id, name/full_name, first_name/given_name,
last_name/surname, email, phone/mobile/whatsapp, dob, postcode, city, address, handle,
external_id/customer_id, channel, ... Anything else is kept as an attribute and may be compared.
A JSON --config maps other schemas: {"columns": {"Fone": "phone", "Cliente": "full_name"}}.

Options:
  --out FILE             write rows here, in the format its extension names: .csv, .tsv, or
                         .jsonl/.ndjson (default: stdout, in the first input's format)
  --config FILE          JSON: {"columns": {...}, "defaultCountry": "BR", "threshold": 0.9,
                         "nameOnlyThreshold": 1, "blocklist": ["test@test.com"],
                         "unique": [{"kind": "external_id"}]}; checked before reading
  --default-country CC   country for national-format phone numbers (ISO 3166-1 alpha-2)
  --threshold P          match probability at or above which records merge (default 0.9)
  --name-only-threshold P
                         probability at or above which records that share only a name merge,
                         when nothing else on them differs, both persons have an email, phone or
                         username, and the name points at one person (default 1: never; 0.99
                         merges more, with a rare same-name relative merged; see data-teams.md)
  --explain FILE         write the evidence of every link (JSONL, one person per line)
  --review FILE          write the review queue: pairs of persons that may be one (JSONL, most
                         probable first, each with the reason it was not merged and both rows)
  --rejects FILE         where unreadable rows go (default: OUT.rejects.jsonl, or
                         omnilink-rejects.jsonl when writing to stdout); a run without rejects
                         removes the default file an earlier run left, and empties FILE
  --truth-column COL     a ground-truth column: never used as evidence; prints pairwise
                         precision/recall/F1 and cluster counts as JSON (stdout with --out, else stderr)
  --model FILE           score with a saved model instead of training one on the input
  --save-model FILE      save the trained model as JSON
  --quiet                no progress on stderr
  -h, --help             show this help

Output paths are checked before any input is read.
`;

function probabilityArg(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const p = Number(text);
  if (!(p >= 0 && p <= 1)) throw new UsageError(`${name} must be a probability between 0 and 1`);
  return p;
}

interface Row {
  readonly input: string;
  readonly line: number;
  readonly row: Record<string, string>;
  /** A JSON line as it was, written back as it was. */
  readonly original?: Readonly<Record<string, unknown>>;
  readonly recordId?: string;
}

/** A row that gave no record, for the rejects file. */
interface Reject {
  readonly input: string;
  readonly line: number;
  readonly error: string;
  readonly raw?: string;
}

/**
 * Say which shared values were set aside as no evidence (placeholders such as test@test.com or
 * example.com addresses, role addresses, values on more rows than one person has): a list whose rows
 * share only those stays apart, and the reader should know why.
 */
function noteGenericValues(records: readonly ContactRecord[], overCap: readonly string[], progress: Progress): void {
  const capped = new Set(overCap);
  const rowsOf = new Map<string, number>();
  for (const r of records) {
    for (const id of r.identifiers) {
      if (id.key !== undefined && (id.generic === true || capped.has(id.key))) rowsOf.set(id.key, (rowsOf.get(id.key) ?? 0) + 1);
    }
  }
  const shared = [...rowsOf].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (shared.length === 0) return;
  const top = shared.slice(0, 5).map(([k, n]) => `${k} (${n} rows)`).join(', ');
  progress.note(`${counted(shared.length, 'shared value')} set aside as generic, no evidence (placeholders, role addresses, values on too many rows): ${top}${shared.length > 5 ? ', ...' : ''}`);
}

/** The `dedupe` command. */
export const dedupeCommand: Command = {
  name: 'dedupe',
  summary: 'link CSV/JSONL contact lists into persons',
  help: HELP,
  async run(args: readonly string[], io: CliIO): Promise<number> {
    const parsed = parseArgs(args, ['--out', '--config', '--default-country', '--threshold', '--name-only-threshold', '--explain', '--review', '--rejects', '--truth-column', '--model', '--save-model'], ['--quiet']);
    const inputs = parsed.positional;
    if (inputs.length === 0) throw new UsageError('at least one INPUT is required');
    if (inputs.filter((i) => i === '-').length > 1) throw new UsageError('- (stdin) may be given once only');
    for (const input of inputs) if (formatOf(input) === undefined) throw new UsageError(`${input}: expected a .csv, .tsv, .jsonl or .ndjson file, or - for stdin`);
    const config = readDedupeConfig(parsed.options.get('--config'));
    const defaultCountry = countryArg(parsed.options.get('--default-country')) ?? countryArg(config.defaultCountry, '"defaultCountry" in --config');
    const threshold = probabilityArg(parsed.options.get('--threshold'), '--threshold') ?? config.threshold ?? 0.9;
    const nameOnlyThreshold = probabilityArg(parsed.options.get('--name-only-threshold'), '--name-only-threshold') ?? config.nameOnlyThreshold;
    const truthColumn = parsed.options.get('--truth-column');
    const out = parsed.options.get('--out');
    const format = out !== undefined && out !== '-' ? outputFormatOf(out) : (outputFormatOf(inputs[0]!) ?? 'jsonl');
    if (format === undefined) throw new UsageError(`--out ${out}: expected a .csv, .tsv, .jsonl or .ndjson file (or - for stdout)`);
    // Where rows that cannot be read go; the default sits beside --out.
    const rejectsPath = parsed.options.get('--rejects') ?? (out !== undefined && out !== '-' ? `${out}.rejects.jsonl` : 'omnilink-rejects.jsonl');
    // Every output path before any input is read (the default rejects file only beside --out: on
    // stdout runs it is written only when there are rejects).
    for (const option of ['--out', '--rejects', '--explain', '--review', '--save-model']) {
      const path = parsed.options.get(option);
      if (path !== undefined) checkWritable(option, path);
    }
    if (out !== undefined && out !== '-' && !parsed.options.has('--rejects')) checkWritable('--out (its rejects file)', rejectsPath);
    const progress = new Progress(io.stderr, !parsed.flags.has('--quiet'), 'dedupe');

    // 1. Read every row; unreadable ones go to the rejects file with their line number.
    const rows: Row[] = [];
    const rejects: Reject[] = [];
    const columns: string[] = [];
    const seenColumns = new Set<string>();
    /** Record id -> its place in `records`. */
    const ids = new Map<string, number>();
    /** Per id that rows of one input repeat, the records of those rows (see decideSameIdRows). */
    const sameId = new Map<string, ContactRecord[]>();
    /** Rows whose id an earlier row already had. */
    const repeated: string[] = [];
    const records: ContactRecord[] = [];
    const many = inputs.length > 1;
    const channels = new Map<string, Channel | undefined>();
    const channelOfInput = (name: string): Channel | undefined => {
      if (!channels.has(name)) channels.set(name, channelOfName(name));
      return channels.get(name);
    };
    /** Per input that is a message or call log, the business's own numbers and mailboxes in it. */
    const businessOfInput = new Map<string, readonly string[]>();
    const mapping: ColumnMapping | undefined = config.columns;
    /** Columns never read as evidence: the truth, and names JavaScript reserves (kept in the output). */
    const exclude: string[] = truthColumn !== undefined ? [truthColumn] : [];
    const reserved: string[] = [];
    const readRow = (row: Row['row'], line: number, name: string, candidateCountries?: readonly string[], isKnownPhoneKey?: (key: string) => boolean): ReturnType<typeof recordFromRow> => {
      // A file exported from one channel (telegram.csv) names it; a row's channel cell still wins.
      const channel = channelOfInput(name);
      const businessParties = businessOfInput.get(name);
      return recordFromRow(row, {
        ...(businessParties !== undefined ? { businessParties } : {}),
        fallbackId: `line-${line}`,
        idPrefix: many ? `${name}#` : '',
        source: name,
        ...(channel !== undefined ? { channel } : {}),
        ...(mapping !== undefined ? { mapping } : {}),
        ...(defaultCountry !== undefined ? { defaultCountry } : {}),
        ...(candidateCountries !== undefined ? { candidateCountries } : {}),
        ...(isKnownPhoneKey !== undefined ? { isKnownPhoneKey } : {}),
        ...(exclude.length > 0 ? { exclude } : {}),
      });
    };
    // Distinct names, even for two exports of one file name: ids are `<name>#<id>`.
    const names = inputNames(inputs);
    for (const [index, input] of inputs.entries()) {
      const name = names[index]!;
      try {
        // The whole input first: a log's business numbers are those on many of its rows.
        const got: InputRow[] = [];
        for await (const r of readRows(input, io.stdin, { name, onNote: (text) => io.stderr.write(`omnilink dedupe: ${text}\n`) })) got.push(r);
        for (const r of got) {
          if (!r.ok) continue;
          for (const c of Object.keys(r.row)) {
            if (seenColumns.has(c)) continue;
            seenColumns.add(c);
            columns.push(c);
            if (!isReservedColumn(c)) continue;
            reserved.push(c);
            if (c !== truthColumn) exclude.push(c);
          }
        }
        const business = findBusinessParties(
          got.flatMap((r) => (r.ok ? [r.row] : [])),
          { ...(mapping !== undefined ? { mapping } : {}), ...(exclude.length > 0 ? { exclude } : {}) },
        );
        if (business.length > 0) {
          businessOfInput.set(name, business);
          progress.note(`${name}: the business's own ${business.length > 1 ? 'parties are' : 'party is'} ${business.join(', ')} (the other party of each row is the customer)`);
        }
        let hinted = false;
        for (const r of got) {
          if (!r.ok) {
            // CSV piped in: stdin is JSONL, say so once rather than only 'not JSON' on every line.
            const csvOnStdin = input === '-' && !hinted && r.error.startsWith('not JSON') && !r.raw.trimStart().startsWith('{') && /[,;\t|]/.test(r.raw);
            if (csvOnStdin) hinted = true;
            rejects.push({ input: name, line: r.line, error: csvOnStdin ? `${r.error} (- reads JSONL from stdin; give a CSV as a file name ending in .csv)` : r.error, raw: r.raw });
            continue;
          }
          const made = readRow(r.row, r.line, name);
          if (!made.success) {
            rejects.push({ input: name, line: r.line, error: formatIssues(made.issues) });
            rows.push({ input: name, line: r.line, row: r.row, ...(r.original !== undefined ? { original: r.original } : {}) });
            continue;
          }
          let record = made.data.record;
          const first = ids.get(record.id);
          if (first !== undefined) {
            // The row keeps its id in the output; its record is told apart by its line, and linked
            // to the id's other rows after resolution when the input's ids prove to name records.
            const id = record.id;
            repeated.push(`${id} (${name}:${r.line})`);
            record = { ...record, id: `${id}@line-${r.line}` };
            if (ids.has(record.id)) {
              rejects.push({ input: name, line: r.line, error: `duplicate id ${record.id}: the row is written out without a person` });
              rows.push({ input: name, line: r.line, row: r.row, ...(r.original !== undefined ? { original: r.original } : {}) });
              continue;
            }
            // Ids are prefixed with the input's (distinct) name when there are several: the earlier
            // row is of this input, never another input's stranger with the same id.
            let group = sameId.get(id);
            if (group === undefined) sameId.set(id, (group = [records[first] as ContactRecord]));
            group.push(record);
          }
          ids.set(record.id, records.length);
          records.push(record);
          rows.push({ input: name, line: r.line, row: r.row, ...(r.original !== undefined ? { original: r.original } : {}), recordId: record.id });
          progress.tick(records.length, 'rows read');
        }
      } catch (error) {
        io.stderr.write(`omnilink dedupe: cannot read ${input}: ${(error as Error).message}\n`);
        return 1;
      }
    }
    if (reserved.length > 0) io.stderr.write(`omnilink dedupe: ${counted(reserved.length, 'column')} named as JavaScript reserves (${reserved.join(', ')}): written out as read, never used as evidence\n`);
    // A misspelt truth column would score nothing, and read as a perfect score.
    if (truthColumn !== undefined && !seenColumns.has(truthColumn)) throw new UsageError(`--truth-column ${truthColumn}: no input has this column (${columnList(columns)})`);
    // Before the long part of the run: will it fit in memory?
    const tooBig = heapWarning('dedupe', records.length);
    if (tooBig !== undefined) io.stderr.write(tooBig);
    // National phone numbers on rows that name no country: read them in the countries the rest of
    // the file names (a second look at those rows only).
    if (defaultCountry === undefined) {
      rereadNationalPhones(rows, records, (row, countries, known) => {
        const made = readRow(row.row, row.line, row.input, countries, known);
        // A repeated id was told apart by its line: so is its reread record.
        return made.success && row.recordId !== undefined && row.recordId !== made.data.record.id ? { success: true, data: { ...made.data, record: { ...made.data.record, id: row.recordId } } } : made;
      }, (done, reread) => progress.tick(done, () => `rows checked for national phone numbers (${reread.toLocaleString('en-US')} read again in the list's countries)`));
    }
    progress.note(`${records.length} rows read from ${inputs.length} input${many ? 's' : ''}${rejects.length > 0 ? `, ${rejects.length} rejected` : ''}`);
    const reportRejects = (list: readonly Reject[]): void => {
      for (const r of list.slice(0, 20)) io.stderr.write(`omnilink dedupe: ${r.input}:${r.line}: ${r.error}\n`);
      if (list.length > 20) io.stderr.write(`omnilink dedupe: ... and ${list.length - 20} more rejected rows\n`);
    };
    const writeRejects = async (): Promise<void> => {
      if (rejects.length === 0) {
        // An earlier run's rejects would read as this run's: an empty --rejects file, no default one.
        if (parsed.options.has('--rejects')) await openSink(rejectsPath, io.stdout).close();
        else rmSync(rejectsPath, { force: true });
        return;
      }
      const sink = openSink(rejectsPath, io.stdout);
      for (const r of rejects) await sink.write(JSON.stringify(r));
      await sink.close();
      io.stderr.write(`omnilink dedupe: ${rejects.length} rejected row${rejects.length > 1 ? 's' : ''} written to ${rejectsPath}\n`);
    };
    reportRejects(rejects);
    if (records.length === 0) {
      await writeRejects();
      io.stderr.write('omnilink dedupe: no readable rows\n');
      return 1;
    }

    // 2. A model: loaded, or trained unsupervised on the input.
    let model: MatchModel;
    const modelPath = parsed.options.get('--model');
    if (modelPath !== undefined) {
      let text: string;
      try {
        text = readFileSync(modelPath, 'utf8');
      } catch (error) {
        io.stderr.write(`omnilink dedupe: cannot read --model ${modelPath}: ${(error as Error).message}\n`);
        return 1;
      }
      const loaded = safeLoadModel(text);
      if (!loaded.success) {
        io.stderr.write(`omnilink dedupe: --model ${modelPath} is not a valid model: ${formatIssues(loaded.issues.slice(0, 3))}\n`);
        return 1;
      }
      model = loaded.data;
    } else {
      try {
        progress.note(`training a match model on the ${records.length.toLocaleString('en-US')} records`);
        model = trainModel(records, defaultCountry !== undefined ? { defaultCountry } : {});
      } catch (error) {
        io.stderr.write(`omnilink dedupe: ${(error as Error).message}\n`);
        return 1;
      }
    }
    progress.note(`model: ${model.comparisons.map((c) => c.name).join(', ')}`);
    const saveTo = parsed.options.get('--save-model');
    if (saveTo !== undefined) {
      const sink = openSink(saveTo, io.stdout);
      await sink.write(saveModel(model));
      await sink.close();
    }

    // 3. Resolve. Unique identifier kinds only when the data shows them shared (a column of row ids
    //    that differ on every row says nothing about persons, and must not forbid merges).
    const unique = config.unique ?? uniqueKindsOf(records);
    const resolver = createResolver({
      scorer: createModelScorer(model, defaultCountry !== undefined ? { defaultCountry } : {}),
      matchThreshold: threshold,
      possibleThreshold: Math.min(threshold, 0.5),
      ...(nameOnlyThreshold !== undefined ? { nameOnlyThreshold } : {}),
      unique,
      ...(config.blocklist !== undefined ? { blocklist: config.blocklist } : {}),
    });
    const chunk = 20_000;
    // A row read into a record the resolver refuses (a name over the model's length limit, ...) is
    // rejected like an unreadable one: reported with its line, written out without a person.
    const refused: Reject[] = [];
    let rowIndex: Map<string, Row> | undefined;
    /** The row a record was read from (indexed on first need: most runs never ask). */
    const rowOfRecord = (recordId: string): Row | undefined =>
      (rowIndex ??= new Map(rows.flatMap((row) => (row.recordId !== undefined ? [[row.recordId, row] as const] : [])))).get(recordId);
    for (let i = 0; i < records.length; i += chunk) {
      const { rejected } = resolver.add(records.slice(i, i + chunk));
      for (const x of rejected) {
        const row = rowOfRecord(records[i + x.index]!.id);
        if (row !== undefined) refused.push({ input: row.input, line: row.line, error: formatIssues(x.issues) });
      }
      progress.tick(Math.min(records.length, i + chunk), 'records resolved', true);
    }
    if (refused.length > 0) {
      reportRejects(refused);
      for (const r of refused) rejects.push(r);
    }
    await writeRejects();
    if (refused.length === records.length) {
      io.stderr.write('omnilink dedupe: no readable rows (every row was rejected)\n');
      return 1;
    }
    if (repeated.length > 0) {
      // Inputs are prefixed into ids when there are several, so a group never spans two inputs.
      const decision = decideSameIdRows([...sameId.values()]);
      resolver.linkAll(decision.link.flatMap((group) => group.slice(1).map((other) => [group[0] as string, other] as const)));
      const linked = decision.link.reduce((n, g) => n + g.length - 1, 0);
      const examples = `${repeated.slice(0, 3).join(', ')}${repeated.length > 3 ? ', ...' : ''}`;
      progress.note(
        `${counted(repeated.length, 'row repeats', 'rows repeat')} an earlier row's id (${examples}): ` +
          (decision.untrusted
            ? `told apart, since ${decision.conflicting > 0 ? `${counted(decision.conflicting, 'id joins', 'ids join')} different names (ids from several sources?)` : 'no id shows two names to compare'}`
            : `${counted(linked, 'row', 'rows')} linked to the earlier row of their id${decision.conflicting > 0 ? `, ${counted(decision.conflicting, 'id', 'ids')} with different names told apart` : ''}`),
      );
    }
    noteGenericValues(records, resolver.genericIdentifierKeys(), progress);
    const persons = resolver.persons();
    const review = resolver.suggestions().length;
    progress.note(`${counted(records.length - refused.length, 'record')} -> ${counted(persons.length, 'person')} (${counted(review, 'possible match', 'possible matches')} left for review)`);

    // 4. Write every row with its person.
    // Our columns never overwrite an input's (a list may carry its own person_id, or be an earlier output).
    // Taken: every column of a CSV input, and every top-level key of a JSON line (`"person_id": null` too).
    const taken = new Set(columns);
    for (const r of rows) if (r.original !== undefined) for (const k of Object.keys(r.original)) taken.add(k);
    const free = (name: string): string => {
      if (!taken.has(name)) return name;
      let n = `omnilink_${name}`;
      for (let k = 2; taken.has(n); k++) n = `omnilink_${name}_${k}`;
      return n;
    };
    const [personCol, probabilityCol, fileCol] = ['person_id', 'match_probability', 'source_file'].map(free) as [string, string, string];
    const renamed = [personCol, probabilityCol, ...(many ? [fileCol] : [])].filter((c) => c.startsWith('omnilink_'));
    if (renamed.length > 0) progress.note(`the input has columns of these names already: written as ${renamed.join(', ')}${personCol !== 'person_id' ? ` (omnilink eval reads ${personCol})` : ''}`);
    const outColumns = [...columns, ...(many ? [fileCol] : []), personCol, probabilityCol];
    const sink = openSink(out, io.stdout);
    const writer = new RowWriter(sink, format, outColumns, [...(many ? [fileCol] : []), personCol, probabilityCol]);
    // Each record's first link toward its person's first record, per person at once (explain per
    // record would walk the whole person each time).
    const firstLinks = new Map<string, ReadonlyMap<string, LinkEvidence>>();
    const firstLinkOf = (recordId: string, personId: string): LinkEvidence | undefined => {
      let links = firstLinks.get(personId);
      if (links === undefined) firstLinks.set(personId, (links = resolver.firstLinksOf(personId)));
      return links.get(recordId);
    };
    for (const r of rows) {
      const personId = r.recordId === undefined ? undefined : resolver.personOf(r.recordId);
      const link = r.recordId === undefined || personId === undefined ? undefined : firstLinkOf(r.recordId, personId);
      await writer.write({
        ...r.row,
        ...(many ? { [fileCol]: r.input } : {}),
        [personCol]: personId,
        [probabilityCol]: link?.probability !== undefined ? Number(link.probability.toFixed(6)) : link?.via === 'manual' || link?.via === 'unique' ? 1 : undefined,
      }, r.original);
    }
    await sink.close();

    // 5. Evidence, and evaluation against the truth.
    const explainPath = parsed.options.get('--explain');
    if (explainPath !== undefined) {
      const esink = openSink(explainPath, io.stdout);
      for (const p of persons) {
        if (p.recordIds.length < 2) continue;
        const links = p.recordIds.flatMap((id) => {
          const l = firstLinkOf(id, p.id);
          return l === undefined ? [] : [{ ...l, explanation: l.via === 'scored' || l.via === 'identifier' ? resolver.explainPair(l.a, l.b) : undefined }];
        });
        await esink.write(JSON.stringify({ person_id: p.id, records: p.recordIds, links }));
      }
      await esink.close();
    }
    const reviewPath = parsed.options.get('--review');
    if (reviewPath !== undefined) {
      const side = (recordId: string, personId: string): Record<string, unknown> => {
        const row = rowOfRecord(recordId);
        return { person_id: personId, record_id: recordId, ...(row !== undefined ? { ...(many ? { source_file: row.input } : {}), line: row.line, row: row.original ?? row.row } : {}) };
      };
      const rsink = openSink(reviewPath, io.stdout);
      for (const item of reviewQueue(resolver.suggestions())) {
        const s = item.best;
        await rsink.write(
          JSON.stringify({
            probability: Number(s.probability.toFixed(6)),
            reason: s.reason,
            record_pairs: item.pairs,
            a: side(s.a, s.personA),
            b: side(s.b, s.personB),
          }),
        );
      }
      await rsink.close();
    }
    if (truthColumn !== undefined) {
      const truth = new Map<string, string>();
      const predicted = new Map<string, string>();
      for (const r of rows) {
        const t = r.row[truthColumn];
        if (r.recordId === undefined || t === undefined || t === '') continue;
        truth.set(r.recordId, t);
        predicted.set(r.recordId, resolver.personOf(r.recordId)!);
      }
      const metrics = JSON.stringify(evaluateClusters(predicted, truth), null, 2);
      (out !== undefined && out !== '-' ? io.stdout : io.stderr).write(`${metrics}\n`);
    }
    return 0;
  },
};

function uniqueKindsOf(records: readonly ContactRecord[]): UniqueIdentifierRule[] {
  const rules: UniqueIdentifierRule[] = [];
  for (const kind of ['external_id', 'loyalty_id'] as const) {
    const seen = new Set<string>();
    let shared = false;
    for (const r of records) {
      for (const id of r.identifiers) {
        if (id.kind !== kind || id.key === undefined) continue;
        if (seen.has(id.key)) shared = true;
        seen.add(id.key);
      }
    }
    if (shared) rules.push({ kind });
  }
  return rules;
}
