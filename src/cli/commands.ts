import type { Command } from './command.js';
import { dedupeCommand } from './commands/dedupe.js';
import { evalCommand } from './commands/eval.js';
import { normalizeCommand } from './commands/normalize.js';
import { timelineCommand } from './commands/timeline.js';

/** Every command of the `omnilink` CLI, in the order `--help` lists them. Add new commands here. */
export const COMMANDS: readonly Command[] = [dedupeCommand, evalCommand, normalizeCommand, timelineCommand];
