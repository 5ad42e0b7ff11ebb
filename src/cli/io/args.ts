import { OmnilinkError } from '../../model/errors.js';
import { normalizePhone } from '../../normalize/phone.js';
import { UsageError } from '../command.js';

/** A parsed command line: positional arguments and `--name value` / `--flag` options. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string>;
  readonly flags: Set<string>;
}

/**
 * Parse `args` against the options a command takes. Unknown options are a usage error, so a typo
 * never silently changes nothing.
 */
export function parseArgs(args: readonly string[], valued: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flags.includes(name)) {
      seen.add(name);
      continue;
    }
    if (!valued.includes(name)) throw new UsageError(`unknown option ${name}`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    options.set(name, value);
  }
  return { positional, options, flags: seen };
}

/**
 * A `--default-country` value, upper-cased; a usage error (not an input's) when libphonenumber does
 * not know the country.
 */
export function countryArg(text: string | undefined, name = '--default-country'): string | undefined {
  if (text === undefined) return undefined;
  const code = text.toUpperCase();
  try {
    normalizePhone('+16505551234', { defaultCountry: code });
  } catch (error) {
    if (error instanceof OmnilinkError) throw new UsageError(`${name}: ${text} is not a supported ISO 3166-1 alpha-2 country`);
    throw error;
  }
  return code;
}
