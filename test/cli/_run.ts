import { PassThrough, Readable } from 'node:stream';
import { run } from '../../src/cli/run.js';

/** Run the CLI in-process with in-memory streams. */
export async function cli(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await run(args, { stdout, stderr, stdin: Readable.from([stdin]) });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
