// The faster paths of the channel layer against the straightforward code they replace: same results,
// field by field, on generated inputs. Each `reference` below is the previous implementation.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedLines } from '../../src/channels/_digest-memo.js';
import { cachedToIdentifier } from '../../src/channels/_identifier-memo.js';
import { isoOfEpochMs, toIsoTime } from '../../src/channels/_time.js';
import { readPlainWebChatEvent } from '../../src/channels/_webchat-plain.js';
import { isZodIsoDateTime } from '../../src/internal/instant.js';
import { normalizeDelivery } from '../../src/channels/normalize-delivery.js';
import { normalizeWhatsApp } from '../../src/channels/whatsapp.js';
import { safeParseWebChatEvent } from '../../src/channels/webchat-event.js';
import { sha256Hex, sha256HexPrefix } from '../../src/internal/sha256.js';
import { inspectUntrusted, inspectUntrustedIteratively } from '../../src/internal/untrusted.js';
import type { IdentifierKind } from '../../src/model/identifier.js';
import { toIdentifier } from '../../src/normalize/identifier.js';
import { isPlaceholderNumber } from '../../src/normalize/_phone-rules.js';
import * as z from 'zod/mini';

const MIN_MS = Date.UTC(1990, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);

/** toIsoTime as first written (every conversion through a Date), but refusing ISO dates and times that do not exist, which Date.parse rolls over. */
function referenceIsoTime(value: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    ms = value < 1e11 ? value * 1000 : value;
  } else if (typeof value === 'string' && value.trim() !== '') {
    const trimmed = value.trim();
    if (/^\d+(?:\.\d+)?$/.test(trimmed)) {
      const n = Number(trimmed);
      ms = n < 1e11 ? n * 1000 : n;
    } else {
      const parsed = /^\d{4}-/.test(trimmed) && !isZodIsoDateTime(trimmed.replace(',', '.')) ? Number.NaN : Date.parse(trimmed);
      ms = Number.isNaN(parsed) ? undefined : parsed;
    }
  }
  if (ms === undefined || ms < MIN_MS || ms > MAX_MS) return undefined;
  return new Date(Math.round(ms)).toISOString();
}

describe('toIsoTime', () => {
  it('formats every epoch millisecond of the accepted range as Date#toISOString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_MS, max: MAX_MS }), (ms) => {
        expect(isoOfEpochMs(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
    for (const ms of [MIN_MS, MAX_MS, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 2, 1), Date.UTC(2024, 11, 31, 23, 59, 59, 999)]) {
      expect(isoOfEpochMs(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('gives the reference result for numbers, epoch strings, ISO strings (canonical or not) and junk', () => {
    const iso = fc.date({ min: new Date(MIN_MS - 1e10), max: new Date(MAX_MS + 1e10), noInvalidDate: true }).map((d) => d.toISOString());
    const value = fc.oneof(
      fc.double({ min: MIN_MS / 1000 - 1e9, max: MAX_MS + 1e12, noNaN: true }),
      fc.integer({ min: 0, max: 2 ** 45 }).map(String),
      iso,
      iso.map((s) => s.replace('.', ',')),
      iso.map((s) => s.slice(0, 19) + 'Z'),
      iso.map((s) => ` ${s}`),
      fc.tuple(fc.integer({ min: 1985, max: 2205 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(
        ([y, mo, d, h, mi]) => `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:00.000Z`,
      ),
      fc.constantFrom('', ' ', 'soon', 'Tue, 1 Jul 2003 10:52:37 +0200', '2025-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z', '2025-01-01T24:00:00.000Z', '1e12', null, undefined, Number.NaN, Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(value, (v) => {
        expect(toIsoTime(v)).toBe(referenceIsoTime(v));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('toIsoTime and time zones', () => {
  it('reads a string that names no zone as UTC when it is ISO, refuses it otherwise, whatever the host\'s zone', () => {
    const before = process.env['TZ'];
    try {
      for (const tz of ['UTC', 'Asia/Tokyo', 'America/Sao_Paulo']) {
        process.env['TZ'] = tz;
        expect(toIsoTime('2024-05-01T12:00:00')).toBe('2024-05-01T12:00:00.000Z');
        expect(toIsoTime('2024-05-01T12:00')).toBe('2024-05-01T12:00:00.000Z');
        expect(toIsoTime('2024-05-01')).toBe('2024-05-01T00:00:00.000Z');
        expect(toIsoTime('Tue, 30 Apr 2024 22:00:00 -0300 (BRT)')).toBe('2024-05-01T01:00:00.000Z');
        expect(toIsoTime('Wed, 1 May 2024 12:00:00 GMT')).toBe('2024-05-01T12:00:00.000Z');
        expect(toIsoTime('2024-05-01 12:00:00')).toBe('2024-05-01T12:00:00.000Z');
        expect(toIsoTime('Wed May 01 2024 14:00:00 GMT+0200 (Central European Summer Time)')).toBe('2024-05-01T12:00:00.000Z');
        for (const junk of ['May 1', '5/1/2024', '-1', 'Wed May 01 2024 12:00:00', '5/1/2024-12:00', 'May 1 2024-0300']) expect(toIsoTime(junk)).toBeUndefined();
      }
    } finally {
      if (before === undefined) delete process.env['TZ'];
      else process.env['TZ'] = before;
    }
  });
});

describe('inspectUntrusted', () => {
  const hostile = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue(),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 'x'.repeat(50), () => 1, new Date(0), undefined),
      fc.array(tie('node'), { maxLength: 4 }),
      fc
        .dictionary(fc.constantFrom('a', 'b', '__proto__', 'constructor', 'prototype', 'id', '0', '10'), tie('node'), { maxKeys: 4 })
        .map((d) => JSON.parse(JSON.stringify(d, (_k, v: unknown) => (typeof v === 'function' || v instanceof Date ? null : v))) as unknown),
    ),
  })).node;

  it('the recursive walk reports exactly what the iterative walk reports (codes, paths, messages, order), whatever the limits', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 60 }), (value, maxDepth, maxNodes, maxStringLength) => {
        const limits = { maxDepth, maxNodes, maxStringLength };
        expect(inspectUntrusted(value, limits)).toEqual(inspectUntrustedIteratively(value, limits));
      }),
      { numRuns: 3000 },
    );
  });

  it('walks unbounded or huge depths iteratively (no stack overflow)', () => {
    const deep = JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`) as unknown;
    expect(inspectUntrusted(deep, { maxDepth: Number.POSITIVE_INFINITY })).toEqual([]);
    expect(inspectUntrusted(deep, { maxDepth: Number.NaN })).toEqual([]);
    expect(inspectUntrusted(deep, { maxDepth: 100_000 })).toEqual([]);
    expect(inspectUntrusted(deep)).toMatchObject([{ code: 'too_deep' }]);
  });
});

describe('normalizeDelivery guards a body once', () => {
  it('still refuses what the guard refuses, with paths under body, and gives the adapter result otherwise', async () => {
    const receivedAt = '2025-01-01T00:00:00.000Z';
    const body = { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { metadata: { phone_number_id: '2' }, messages: [{ from: '5511987654321', id: 'wamid.1', timestamp: '1700000000', type: 'text', text: { body: 'oi' } }] } }] }] };
    expect(await normalizeDelivery({ receivedAt, body })).toEqual(normalizeWhatsApp(body, { receivedAt }));
    const polluted = JSON.parse(JSON.stringify(body).replace('{"object"', '{"__proto__":{"x":1},"object"')) as unknown;
    const r = await normalizeDelivery({ receivedAt, body: polluted });
    expect(r).toEqual({ success: false, issues: [{ code: 'forbidden_key', path: ['body', '__proto__'], message: 'key "__proto__" is not allowed (prototype pollution)' }] });
    const deep = await normalizeDelivery({ receivedAt, body: { ...body, deep: [[[[[1]]]]] } }, { limits: { maxDepth: 4 } });
    expect(deep.success).toBe(false);
    // A direct adapter call is always inspected.
    expect(normalizeWhatsApp(polluted, { receivedAt }).success).toBe(false);
    // A JSON text body is parsed once and refused the same way.
    expect(await normalizeDelivery({ receivedAt, body: JSON.stringify(polluted) })).toEqual({ success: false, issues: [{ code: 'forbidden_key', path: ['body', '__proto__'], message: 'key "__proto__" is not allowed (prototype pollution)' }] });
  });
});

describe('identifier memo', () => {
  const kind = fc.constantFrom('phone', 'email', 'user_id', 'username', 'external_id', 'visitor_id', 'other' as const);
  const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('+5511987654321', '5511987654321', 'whatsapp:+554188887777', 'Ana@Example.com', '@Ana', 'a|b', '1|', '|', '-1', ''));
  const namespace = fc.option(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('whatsapp:bsuid', 'a|1|b', '1|a', '|', '')), { nil: undefined });
  const country = fc.option(fc.constantFrom('BR', 'US', 'br', ' GB '), { nil: undefined });

  it('gives toIdentifier\'s result for any input, in any order (no two inputs share an entry)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(kind, text, namespace, fc.boolean(), country), { maxLength: 30 }), (inputs) => {
        for (const [k, value, ns, verified, c] of [...inputs, ...inputs.slice().reverse()]) {
          const expected = toIdentifier(ns !== undefined ? { kind: k, value, namespace: ns, verified } : { kind: k, value, verified }, c !== undefined ? { defaultCountry: c } : {});
          expect(cachedToIdentifier(k, value, ns, verified, c)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stays exact when its tables overflow: thousands of values, seen once, twice and out of order', () => {
    const inputs: [IdentifierKind, string, string | undefined][] = [];
    for (let i = 0; i < 6000; i++) {
      inputs.push(['phone', `+55119${String(87_650_000 + i * 7).padStart(8, '0')}`, undefined]);
      inputs.push(['user_id', `US.${1000 + i}`, i % 3 === 0 ? 'whatsapp:bsuid' : 'whatsapp:parent_bsuid']);
    }
    const order = [...inputs, ...inputs.slice(0, 5000).reverse(), ...inputs.filter((_, i) => i % 5 === 0), ...inputs.slice(7000)];
    for (const [k, value, ns] of order) {
      const expected = toIdentifier(ns !== undefined ? { kind: k, value, namespace: ns, verified: true } : { kind: k, value, verified: true });
      expect(cachedToIdentifier(k, value, ns, true, undefined)).toEqual(expected);
      // The same value unverified, or as another kind, is another input.
      expect(cachedToIdentifier(k, value, ns, false, undefined)).toEqual(toIdentifier(ns !== undefined ? { kind: k, value, namespace: ns, verified: false } : { kind: k, value, verified: false }));
    }
  });

  it('throws for an unsupported default country every time (misuse is not memoized)', () => {
    expect(() => cachedToIdentifier('phone', '11987654321', undefined, true, 'XX')).toThrow();
    expect(() => cachedToIdentifier('phone', '11987654321', undefined, true, 'XX')).toThrow();
  });
});

describe('readPlainWebChatEvent', () => {
  const zodDateTime = z.iso.datetime({ offset: true });

  it('accepts exactly the date-times zod accepts', () => {
    const dt = fc.oneof(
      fc.date({ min: new Date(-6e13), max: new Date(2e14), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.date({ min: new Date(-6e13), max: new Date(2e14), noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '+05:30')),
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }), fc.constantFrom('', '.', '.1', '.123456789', '.x'), fc.constantFrom('Z', 'z', '+00:00', '-03:00', '+23:59', '+24:00', '-00:60', '+0300', '', '+03:00:00', 'Z '))
        .map(([y, mo, d, h, mi, s, f, zn]) => `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}${f}${zn}`),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(dt, (s) => {
        expect(isZodIsoDateTime(s)).toBe(zodDateTime.safeParse(s).success);
      }),
      { numRuns: 20_000 },
    );
  });

  it('accepts exactly the events the schema accepts, with the same data (key order and frozen arrays included)', () => {
    const nasty = fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.string({ maxLength: 3 }), fc.constant([]), fc.constant({}));
    const maybe = <T,>(a: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 150, arbitrary: a }, { weight: 1, arbitrary: nasty });
    const str = (max: number): fc.Arbitrary<string> =>
      fc.oneof({ weight: 150, arbitrary: fc.string({ minLength: 1, maxLength: 4 }) }, { weight: 1, arbitrary: fc.string({ minLength: max - 1, maxLength: max + 1 }) }, { weight: 1, arbitrary: fc.constantFrom('', 'a') });
    const obj = (fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> =>
      fc.record(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, maybe(v)])), { requiredKeys: [] });
    const date = fc.oneof({ weight: 20, arbitrary: fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()) }, { weight: 1, arbitrary: fc.constantFrom('2025-01-01T00:00:00+02:00', '2025-13-01T00:00:00Z', 'soon') });
    const event = fc
      .record(
        {
          schema: fc.oneof({ weight: 20, arbitrary: fc.constant('omnilink.webchat/v1') }, { weight: 1, arbitrary: fc.string() }),
          type: fc.oneof({ weight: 20, arbitrary: fc.constantFrom('message', 'identify', 'session_start', 'session_end', 'read') }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) }),
          siteId: maybe(str(256)),
          eventId: maybe(str(256)),
          sessionId: maybe(str(256)),
          visitorId: maybe(str(256)),
          sentAt: maybe(date),
          from: maybe(fc.constantFrom('visitor', 'agent', 'bot', 'x')),
          agent: maybe(obj({ id: str(256), name: str(256) })),
          messageId: maybe(str(256)),
          text: maybe(fc.oneof({ weight: 20, arbitrary: fc.string({ maxLength: 5 }) }, { weight: 1, arbitrary: fc.constant('t'.repeat(100_001)) })),
          attachments: maybe(fc.array(maybe(obj({ type: str(64), url: str(8192), name: str(1024), mimeType: str(255), size: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.constant(2 ** 53)) })), { maxLength: 3 })),
          replyTo: maybe(str(256)),
          messageIds: maybe(fc.array(str(256), { maxLength: 3 })),
          identify: maybe(obj({ name: str(512), email: str(320), phone: str(64), externalId: str(256), country: str(2) })),
          page: maybe(obj({ url: str(8192), title: str(1024), referrer: str(8192) })),
          locale: maybe(str(64)),
          unknown: fc.anything(),
        },
        { requiredKeys: [] },
      )
      .map((e) => JSON.parse(JSON.stringify(e)) as unknown);
    let accepted = 0;
    fc.assert(
      fc.property(event, (e) => {
        const plain = readPlainWebChatEvent(e);
        const schema = safeParseWebChatEvent(e);
        expect(plain !== undefined).toBe(schema.success);
        if (plain === undefined || !schema.success) return;
        accepted++;
        expect(JSON.stringify(plain)).toBe(JSON.stringify(schema.data));
        expect(Object.isFrozen(plain.attachments ?? Object.freeze([]))).toBe(true);
        expect(Object.isFrozen(plain.messageIds ?? Object.freeze([]))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('isPlaceholderNumber', () => {
  /** The rule as first written (three runs measured over the whole number): the reference. */
  function longestRun(s: string, step: number): number {
    let best = 1;
    let run = 1;
    for (let i = 1; i < s.length; i++) {
      const prev = s.charCodeAt(i - 1) - 0x30;
      const cur = s.charCodeAt(i) - 0x30;
      if (cur === (prev + step + 10) % 10) run++;
      else run = 1;
      if (run > best) best = run;
    }
    return best;
  }
  function reference(callingCode: string, nsn: string): boolean {
    const tail = nsn.length > 7 ? nsn.slice(nsn.length - 7) : nsn;
    if (longestRun(tail, 0) === tail.length) return true;
    if (nsn.length >= 6 && (longestRun(nsn, 1) === nsn.length || longestRun(nsn, -1) === nsn.length)) return true;
    return callingCode === '1' && nsn.length === 10 && nsn.slice(3, 6) === '555' && nsn.slice(6, 8) === '01';
  }

  it('agrees with the reference on national numbers of any length, runs and repeats included', () => {
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), maxLength: 17 });
    const runs = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 17 }), fc.constantFrom(-1, 0, 1), digits).map(([start, n, step, prefix]) => prefix + Array.from({ length: n }, (_, i) => String((((start + step * i) % 10) + 10) % 10)).join(''));
    const fiction = digits.map((d) => `201555${`01${d}`.slice(0, 4)}`);
    fc.assert(
      fc.property(fc.constantFrom('1', '55', '44'), fc.oneof(digits, runs, fiction), (cc, nsn) => {
        expect(isPlaceholderNumber(cc, nsn)).toBe(reference(cc, nsn));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('sortedLines', () => {
  it('is sort().join("\\n") for any keys (UTF-16 order, duplicates, surrogates, empty strings)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom('phone:+5511', 'user_id:a:1', 'user_id:a:10', '\uFFFF', '\uD83D\uDE00')), { maxLength: 9 }), (keys) => {
        expect(sortedLines(keys.slice())).toBe(keys.slice().sort().join('\n'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('inspectUntrusted with an enumerable property on Object.prototype', () => {
  it('still walks own keys only (the own-key shortcut is not taken)', () => {
    const body = JSON.parse('{"a":{"b":"x","c":[1,{"__proto__":{}}]},"d":"' + 'y'.repeat(20) + '"}') as unknown;
    const clean = inspectUntrusted(body, { maxStringLength: 10 });
    Object.defineProperty(Object.prototype, 'pollutedForTest', { value: 'z'.repeat(50), enumerable: true, configurable: true, writable: true });
    try {
      expect(inspectUntrusted(body, { maxStringLength: 10 })).toEqual(clean);
      expect(inspectUntrusted(body, { maxStringLength: 10 })).toEqual(inspectUntrustedIteratively(body, { maxStringLength: 10 }));
    } finally {
      delete (Object.prototype as Record<string, unknown>)['pollutedForTest'];
    }
    expect(clean.map((i) => i.code)).toEqual(['forbidden_key', 'too_big']);
  });
});

describe('sha256Hex / sha256HexPrefix', () => {
  it('agree with node:crypto at every padding boundary (ASCII, 2-, 3- and 4-byte UTF-8, past the reused buffer)', () => {
    for (let n = 0; n <= 200; n++) {
      for (const unit of ['a', '\u007f', 'é', '€', '👍']) {
        const s = unit.repeat(n).slice(0, n);
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
      }
    }
    for (const n of [4087, 4088, 4096, 5000, 70_000]) {
      const s = 'k'.repeat(n);
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
      expect(sha256Hex(`${s}é`)).toBe(createHash('sha256').update(`${s}é`, 'utf8').digest('hex'));
    }
  });

  it('gives the first digits of the full digest', () => {
    const full = sha256Hex('user_id:whatsapp:bsuid:US.1\nphone:+5511987654321');
    for (let d = 0; d <= 64; d++) expect(sha256HexPrefix('user_id:whatsapp:bsuid:US.1\nphone:+5511987654321', d)).toBe(full.slice(0, d));
  });
});
