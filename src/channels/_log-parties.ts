// Message and call logs (Twilio's Messages and Calls exports, a PBX's call detail records, an
// Outlook export) name two parties per row: who sent or called, and who received or was called.
// One of them is the business: its number or mailbox is on every row, on the sender side of
// outbound rows and the recipient side of inbound ones. The customer is the other one.

import { normalizeEmail } from '../normalize/email.js';

/** Which way a log row went, from the business's side. */
export type LogDirection = 'inbound' | 'outbound';

// First words of direction cells (lower case, accents folded): Twilio's `inbound`, `outbound-api`,
// `outbound-reply`, `outbound-call`, `outbound-dial`, `trunking-originating` (a call the business's
// PBX placed) and `trunking-terminating`; `in`/`out`, `incoming`/`outgoing`, `received`/`sent`,
// SMS `MO`/`MT`, and pt/es `entrada`/`saida`, `recebida`/`enviada`, `entrante`/`saliente`.
const INBOUND: ReadonlySet<string> = new Set(['inbound', 'in', 'incoming', 'received', 'receive', 'mo', 'inbox', 'terminating', 'entrada', 'recebida', 'recebido', 'entrante', 'recibida', 'recibido']);
const OUTBOUND: ReadonlySet<string> = new Set(['outbound', 'out', 'outgoing', 'sent', 'send', 'mt', 'outbox', 'originating', 'saida', 'enviada', 'enviado', 'saliente']);

/** The direction a log's direction cell says (`inbound`, `outbound-api`, `Sent`, `MT`, `Saída`), or undefined. */
export function directionOf(cell: string): LogDirection | undefined {
  const words = cell
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
  // `trunking-originating`: the second word says it.
  const word = words[0] === 'trunking' ? words[1] : words[0];
  if (word === undefined) return undefined;
  return INBOUND.has(word) ? 'inbound' : OUTBOUND.has(word) ? 'outbound' : undefined;
}

/**
 * The form two cells naming one party share: a mailbox's normalized address, a number's last ten
 * digits (`+1 888-555-0100`, `18885550100` and `(888) 555-0100` are one number), else undefined.
 */
export function partyKeyOf(cell: string): string | undefined {
  if (cell.includes('@')) {
    const e = normalizeEmail(cell);
    return e.success ? e.data.key : undefined;
  }
  const digits = cell.replace(/\D/g, '');
  return digits.length >= 5 ? `#${digits.slice(-10)}` : undefined;
}

/** A party is the business's when it is on at least this share of the rows that name a party... */
const BUSINESS_SHARE = 0.25;
/** ...and on at least this many rows... */
const BUSINESS_MIN_ROWS = 3;
/** ...and on at least this share of the rows the most frequent party is on (a busy customer is not the business). */
const BUSINESS_OF_TOP = 0.5;

/**
 * The business's own parties in a log, given each row's party cells (sender and recipient, in any
 * order): the cells whose party is on a quarter of the rows or more (and on at least three, and at
 * least half as many as the most frequent party), in the order first seen. A log with no such
 * party gives none: its rows are read as if the senders were the customers.
 */
export function businessPartiesOf(rows: Iterable<readonly string[]>): string[] {
  const count = new Map<string, { cell: string; rows: number; order: number }>();
  let total = 0;
  for (const cells of rows) {
    const seen = new Set<string>();
    for (const cell of cells) {
      const key = partyKeyOf(cell);
      if (key === undefined || seen.has(key)) continue;
      seen.add(key);
      const c = count.get(key);
      if (c === undefined) count.set(key, { cell, rows: 1, order: count.size });
      else c.rows++;
    }
    if (seen.size > 0) total++;
  }
  let top = 0;
  for (const c of count.values()) top = Math.max(top, c.rows);
  return [...count.values()]
    .filter((c) => c.rows >= BUSINESS_MIN_ROWS && c.rows >= total * BUSINESS_SHARE && c.rows >= top * BUSINESS_OF_TOP)
    .sort((a, b) => a.order - b.order)
    .map((c) => c.cell);
}
