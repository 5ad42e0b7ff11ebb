import { packageVersion } from './version.js';

/** The streams a command talks to; tests pass in-memory ones. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
}

const HELP = `omnilink: omnichannel identity resolution and customer timelines

Usage: omnilink <command> [options]

Commands:
  dedupe INPUT...      link CSV/JSONL contact lists into persons
  eval OUTPUT          pairwise precision/recall/F1 against a truth column
  normalize ENVELOPES  webhook deliveries (JSONL) -> records, messages, events
  timeline ENVELOPES   webhook deliveries (JSONL) -> one timeline per person

Options:
  -h, --help           show help (also: omnilink <command> --help)
  -v, --version        show the version
`;

/** A CLI command: its name, help text and implementation. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(args: readonly string[], io: CliIO): Promise<number>;
}

const commands = new Map<string, Command>();

/** Register a command (each command module calls this from the command table). */
export function registerCommands(list: readonly Command[]): void {
  for (const c of list) commands.set(c.name, c);
}

/** Run the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.stdout.write(HELP);
    return first === undefined ? 1 : 0;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = commands.get(first);
  if (!command) {
    io.stderr.write(`omnilink: unknown command '${first}' (see omnilink --help)\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help);
    return 0;
  }
  return command.run(rest, io);
}
