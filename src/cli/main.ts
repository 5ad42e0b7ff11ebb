import { run } from './run.js';

/** A write to a reader that went away (`omnilink normalize x.jsonl | head -1`): not an error of ours. */
const isBrokenPipe = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';

// The only place that touches the process: everything else in src/cli is testable without it.
// Once stdout's reader has gone, nothing more can be delivered: stop at once, quietly, with 0.
process.stdout.on('error', (error) => {
  if (isBrokenPipe(error)) process.exit(0);
  process.stderr.write(`omnilink: ${error.message}\n`);
  process.exit(1);
});
run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isBrokenPipe(error)) {
      process.exitCode = 0;
      return;
    }
    process.stderr.write(`omnilink: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
