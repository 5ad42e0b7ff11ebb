/** `1 row`, `2 rows`: a count with its noun, for notes. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The columns of an input for an error message: all of them when few, else the first ones. */
export function columnList(columns: readonly string[]): string {
  if (columns.length === 0) return 'no columns';
  return `columns: ${columns.slice(0, 12).join(', ')}${columns.length > 12 ? `, ... (${columns.length} in all)` : ''}`;
}

/** Progress lines on stderr: periodic ticks (at most one every 2 s) and notes. */
export class Progress {
  private last = Date.now();
  private readonly started = Date.now();

  constructor(
    private readonly stderr: NodeJS.WritableStream,
    private readonly enabled: boolean,
    private readonly command: string,
  ) {}

  /** A tick line when 2 s have passed; `what` may be a function, called only when a line is written. */
  tick(count: number, what: string | (() => string), force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 2000) return;
    if (force && now - this.started < 2000) return;
    this.last = now;
    this.stderr.write(`omnilink ${this.command}: ${count.toLocaleString('en-US')} ${typeof what === 'function' ? what() : what} (${((now - this.started) / 1000).toFixed(1)} s)\n`);
  }

  note(text: string): void {
    if (!this.enabled) return;
    this.stderr.write(`omnilink ${this.command}: ${text} (${((Date.now() - this.started) / 1000).toFixed(1)} s)\n`);
  }
}
