import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A bundle-size budget (as zod's treeshake tests): bundle the root entry for a browser, minified,
// and hold its gzip size under a ceiling. Also assert what must never appear in the core bundle.
const root = fileURLToPath(new URL('../../', import.meta.url));

async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

const gzipKiB = (code: string): number => gzipSync(code).length / 1024;

// Ceilings in KiB (gzip). Raise them only deliberately, in a commit that says why.
// 180 -> 184 (session 6, at 181.6): message and call logs read from the customer's side, generic
// contact columns, German/French/Italian headers (~1 KiB), and the one-record add path of the
// resolver that met its latency goal (~1 KiB).
// 184 -> 188 (session 7, at 184.1): safety and correctness fixes found by blind walkthroughs, ~2.5 KiB:
// times compared as instants and zone-less times refused (instant.ts, parseZoned), big integers kept
// exact in text bodies, web chat id escaping, lists that are not arrays reported, Twilio bodySHA256
// and raw-body checks, out-of-office subjects, verified-first hub placement and hub restore, link
// and linkAll lifting forbids, arrival order within a second.
// 188 -> 192 (session 10, at 190.1): payload-probe fixes, ~2.1 KiB: windows-1252 decoded from our own
// table (Node 20.18.3+ and workerd decode it as Latin-1, losing € – “ ” ’ …; 1.4 KiB with the
// postal-mime repair), zone-less email dates, Telegram business owner / own bots / block events /
// reaction sets, Twilio opt-out, Outlook Thread-Index, one WhatsApp chat key.
// 192 -> 194 (adapter review, at 191.7 from 190.4 on its base c8a7f5c, while main had reached 190.9,
// so together they would cross 192): ~1.2 KiB for days that do not exist refused (_time.ts), limits
// validated with errors naming the option, the "voice" envelope read by normalizeDelivery,
// wrong-shape LINE/Telegram bodies, and verifyTelegramSecretToken (a new export).
const FULL_ENTRY_CEILING = 194;
const MODEL_ONLY_CEILING = 16;

describe('bundle size', () => {
  it(`the whole root entry stays under ${FULL_ENTRY_CEILING} KiB gzip and is browser-safe`, async () => {
    const code = await bundle(`export * from './src/index.ts';`);
    expect(gzipKiB(code)).toBeLessThan(FULL_ENTRY_CEILING);
    // fast-levenshtein (a required dependency) logs once if Intl.Collator cannot be built; that is
    // its code, not ours. Every other console call would be ours.
    const ours = code.replace(/console\.log\("Collator could not be initialized and wouldn't be used"\)/, '');
    expect(ours).not.toMatch(/\bconsole\.(log|warn|error|info|debug)\b/);
    expect(code).not.toMatch(/require\(["']node:/);
  });

  it(`importing only the model tree-shakes the rest away (< ${MODEL_ONLY_CEILING} KiB gzip)`, async () => {
    const code = await bundle(`export { safeParseContactRecord } from './src/index.ts';`);
    expect(gzipKiB(code)).toBeLessThan(MODEL_ONLY_CEILING);
    // No phone metadata or MIME parser in a model-only bundle.
    expect(code).not.toContain('postal-mime');
    expect(code).not.toMatch(/"country_calling_codes"/);
  });
});
