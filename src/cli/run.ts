import { type CliIO, UsageError } from './command.js';
import { COMMANDS } from './commands.js';
import { packageVersion } from './version.js';

function help(): string {
  const width = Math.max(10, ...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `omnilink: omnichannel identity resolution and customer timelines

Usage: omnilink <command> [options]

Commands:
${lines.length > 0 ? lines.join('\n') : '  (none yet)'}

Options:
  -h, --help      show help (also: omnilink <command> --help)
  -v, --version   show the version
`;
}

/** Run the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    // No command is a usage error: the help goes where errors go.
    io.stderr.write(help());
    return 2;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    io.stdout.write(help());
    return 0;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    io.stderr.write(`omnilink: unknown command '${first}' (see omnilink --help)\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`omnilink ${command.name}: ${error.message} (see omnilink ${command.name} --help)\n`);
      return 2;
    }
    throw error;
  }
}
