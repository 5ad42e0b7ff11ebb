import { EventEmitter } from 'node:events';
import { run } from './run.js';

/** A write to a reader that went away (`omnilink normalize x.jsonl | head -1`): not an error of ours. */
const isBrokenPipe = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';

/**
 * Stdout until its reader goes away, then a sink that drops what is written: `omnilink dedupe ...
 * --explain e.jsonl | head -1` still writes the explain, review and rejects files, and exits with the
 * command's status. A write waiting for `drain` when the pipe breaks is released.
 */
class StdoutUntilClosed extends EventEmitter {
  private closed = false;

  constructor(private readonly out: NodeJS.WriteStream) {
    super();
    out.on('drain', () => this.emit('drain'));
    out.on('error', (error) => {
      if (!isBrokenPipe(error)) {
        process.stderr.write(`omnilink: ${error.message}\n`);
        process.exit(1);
      }
      this.closed = true;
      this.emit('drain');
    });
  }

  write(chunk: string | Uint8Array): boolean {
    return this.closed || this.out.write(chunk);
  }
}

// The only place that touches the process: everything else in src/cli is testable without it.
const stdout = new StdoutUntilClosed(process.stdout) as unknown as NodeJS.WritableStream;
run(process.argv.slice(2), { stdout, stderr: process.stderr, stdin: process.stdin }).then(
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
