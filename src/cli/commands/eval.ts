import { evaluateClusters } from '../../resolve/evaluate-clusters.js';
import { type CliIO, type Command, UsageError } from '../command.js';
import { parseArgs } from '../io/args.js';
import { columnList } from '../io/progress.js';
import { formatOf, readRows } from '../io/read-rows.js';

/** The rightmost of person_id, omnilink_person_id, omnilink_person_id_2, ...: dedupe appends its own last. */
function latestPersonColumn(columns: readonly string[]): string | undefined {
  let last: string | undefined;
  for (const c of columns) if (/^(?:omnilink_)?person_id(?:_\d+)?$/.test(c)) last = c;
  return last;
}

const HELP = `Usage: omnilink eval OUTPUT --truth-column COL [--person-column COL]

Compare the persons of a dedupe OUTPUT (CSV or JSONL) with a ground-truth column: pairwise
precision, recall and F1 (a pair left apart that the truth joins counts as a false negative),
plus cluster counts, printed as JSON on stdout. Rows without a truth value are left out.

Options:
  --truth-column COL    the ground-truth cluster column (required)
  --person-column COL   the predicted person column (default omnilink_person_id when there is
                        one, as dedupe writes it when the input has a person_id, else person_id)
  -h, --help            show this help
`;

/** The `eval` command. */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'pairwise precision/recall/F1 of a dedupe output against a truth column',
  help: HELP,
  async run(args: readonly string[], io: CliIO): Promise<number> {
    const parsed = parseArgs(args, ['--truth-column', '--person-column']);
    const [input, ...extra] = parsed.positional;
    if (input === undefined) throw new UsageError('OUTPUT is required');
    if (extra.length > 0) throw new UsageError(`one OUTPUT only (got ${[input, ...extra].join(', ')})`);
    if (formatOf(input) === undefined) throw new UsageError(`${input}: expected a .csv or .jsonl file, or - for stdin`);
    const truthColumn = parsed.options.get('--truth-column');
    if (truthColumn === undefined) throw new UsageError('--truth-column is required');
    const chosen = parsed.options.get('--person-column');
    if (chosen !== undefined && chosen === truthColumn) throw new UsageError(`--person-column and --truth-column are both ${chosen}`);
    // Default: dedupe's column, which is omnilink_person_id when the input had a person_id of its own.
    let personColumn = chosen ?? 'person_id';
    let decided = false;
    const truth = new Map<string, string>();
    const predicted = new Map<string, string>();
    let unreadable = 0;
    let missingPerson = 0;
    /** Every column of the rows read, in order of first sight (to say when a named one is missing). */
    const columns = new Set<string>();
    try {
      for await (const r of readRows(input, io.stdin, { onNote: (text) => io.stderr.write(`omnilink eval: ${text}\n`) })) {
        if (!r.ok) {
          unreadable++;
          io.stderr.write(`omnilink eval: ${r.input}:${r.line}: ${r.error}\n`);
          continue;
        }
        for (const c of Object.keys(r.row)) columns.add(c);
        // The rightmost person column of the first row: each run appends its own.
        if (chosen === undefined && !decided) {
          personColumn = latestPersonColumn(Object.keys(r.row)) ?? 'person_id';
          decided = true;
        }
        if (personColumn === truthColumn) break; // reported below
        const t = r.row[truthColumn];
        if (t === undefined || t === '') continue;
        const p = r.row[personColumn];
        if (p === undefined || p === '') {
          missingPerson++;
          continue;
        }
        const key = String(r.line);
        truth.set(key, t);
        predicted.set(key, p);
      }
    } catch (error) {
      io.stderr.write(`omnilink eval: cannot read ${input}: ${(error as Error).message}\n`);
      return 1;
    }
    if (personColumn === truthColumn) throw new UsageError(`the truth column ${truthColumn} is also the person column: name the persons with --person-column`);
    for (const [option, column] of [['--truth-column', truthColumn], ['--person-column', chosen]] as const) {
      if (column !== undefined && columns.size > 0 && !columns.has(column)) throw new UsageError(`${option} ${column}: ${input} has no such column (${columnList([...columns])})`);
    }
    if (truth.size === 0) {
      io.stderr.write(`omnilink eval: no row has both ${truthColumn} and ${personColumn}\n`);
      return 1;
    }
    io.stdout.write(`${JSON.stringify({ ...evaluateClusters(predicted, truth), unreadableRows: unreadable, rowsWithoutPerson: missingPerson }, null, 2)}\n`);
    return 0;
  },
};
