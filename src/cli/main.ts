import { run } from './run.js';

// The only place that touches the process: everything else in src/cli is testable without it.
run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`omnilink: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
