import { afterEach, beforeEach, vi } from 'vitest';

// The library never logs (STYLE.md 11): any console.* call during a test fails that test.
const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;
let calls: string[] = [];

beforeEach(() => {
  calls = [];
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${method}(${args.map((a) => String(a)).join(', ')})`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (calls.length > 0) {
    throw new Error(`library code called console.*:\n${calls.join('\n')}`);
  }
});
