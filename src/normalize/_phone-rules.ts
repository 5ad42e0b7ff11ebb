/**
 * Country rules libphonenumber does not apply: numbers that have two E.164 spellings in the wild.
 * Pure digit arithmetic on (calling code, national significant number); internal.
 *
 * - Brazil (55): mobiles gained a leading 9 (2012–2016). WhatsApp still reports accounts created
 *   before as 12 digits (`55 AA 8XXXXXXX`). A mobile's 8-digit subscriber number starts with 6–9;
 *   landlines start with 2–5 and never had a ninth digit. Canonical: the 13-digit form.
 * - Mexico (52): mobiles were dialled from abroad as `+52 1 …` until 2019 and some systems still
 *   report `521…`; national prefixes `044`/`045` (mobile) and `01` (long distance) are gone too.
 *   Mexico no longer distinguishes mobiles, so every 10-digit number gets the `521` variant.
 *   Canonical: without the 1.
 * - Argentina (54): mobiles are `+54 9 AREA NUMBER` internationally and `0AREA 15 NUMBER` nationally;
 *   many systems drop the 9. Canonical: as given (with the 9 for mobiles); variant: the other form.
 *   Only geographic area codes (first digit 1–3) get variants.
 */

/** The canonical national number of one number, its other spellings, and what the rule learned. */
export interface CountryRuleResult {
  readonly nsn: string;
  readonly variantNsns: readonly string[];
  readonly type?: 'mobile' | 'fixed_line';
  /** True when the rule knows the number cannot exist (metadata may still call it valid). */
  readonly impossible?: boolean;
}

function digitIn(s: string, i: number, lo: number, hi: number): boolean {
  const c = s.charCodeAt(i) - 0x30;
  return c >= lo && c <= hi;
}

/** Apply the Brazil / Mexico / Argentina rules to a national significant number. */
export function applyCountryRules(callingCode: string, nsn: string): CountryRuleResult {
  if (callingCode === '55') {
    const areaOk = nsn.length >= 10 && digitIn(nsn, 0, 1, 9) && digitIn(nsn, 1, 1, 9);
    if (!areaOk) return { nsn, variantNsns: [] };
    if (nsn.length === 10) {
      if (digitIn(nsn, 2, 6, 9)) {
        return { nsn: `${nsn.slice(0, 2)}9${nsn.slice(2)}`, variantNsns: [nsn], type: 'mobile' };
      }
      if (digitIn(nsn, 2, 2, 5)) return { nsn, variantNsns: [], type: 'fixed_line' };
      return { nsn, variantNsns: [] };
    }
    if (nsn.length === 11) {
      // 11-digit national numbers are mobiles: 9 + 8 digits. `min` metadata does not check the 9.
      if (nsn.charCodeAt(2) !== 0x39) return { nsn, variantNsns: [], impossible: true };
      const variantNsns = digitIn(nsn, 3, 6, 9) ? [`${nsn.slice(0, 2)}${nsn.slice(3)}`] : [];
      return { nsn, variantNsns, type: 'mobile' };
    }
    return { nsn, variantNsns: [] };
  }
  if (callingCode === '52') {
    let n = nsn;
    if (n.length === 13 && (n.startsWith('044') || n.startsWith('045'))) n = n.slice(3);
    else if (n.length === 12 && n.startsWith('01')) n = n.slice(2);
    else if (n.length === 11 && n.charCodeAt(0) === 0x31) n = n.slice(1);
    return n.length === 10 ? { nsn: n, variantNsns: [`1${n}`] } : { nsn: n, variantNsns: [] };
  }
  if (callingCode === '54') {
    if (nsn.length === 11 && nsn.charCodeAt(0) === 0x39 && digitIn(nsn, 1, 1, 3)) {
      return { nsn, variantNsns: [nsn.slice(1)], type: 'mobile' };
    }
    if (nsn.length === 10 && digitIn(nsn, 0, 1, 3)) return { nsn, variantNsns: [`9${nsn}`] };
    return { nsn, variantNsns: [] };
  }
  return { nsn, variantNsns: [] };
}

/**
 * True for obviously placeholder numbers: the national number (or its last 7 digits, the subscriber
 * part) all one digit (`000000`, `+55 11 99999-9999`), the whole national number one ascending or
 * descending run (`1234567890`, `9876543210`), and the North American 555-01XX range reserved for
 * fiction. Deliberately narrow: a false "generic" weakens a real customer's evidence.
 */
export function isPlaceholderNumber(callingCode: string, nsn: string): boolean {
  const n = nsn.length;
  // The last 7 digits (or all of them) one repeated digit.
  const tail = n > 7 ? n - 7 : 0;
  let same = n > 0;
  for (let i = tail + 1; i < n; i++) {
    if (nsn.charCodeAt(i) !== nsn.charCodeAt(tail)) {
      same = false;
      break;
    }
  }
  if (same) return true;
  // The whole number one ascending (0 after 9) or descending (9 after 0) run.
  if (n >= 6) {
    let up = true;
    let down = true;
    for (let i = 1; i < n && (up || down); i++) {
      const prev = nsn.charCodeAt(i - 1) - 0x30;
      const cur = nsn.charCodeAt(i) - 0x30;
      if (cur !== (prev + 11) % 10) up = false;
      if (cur !== (prev + 9) % 10) down = false;
    }
    if (up || down) return true;
  }
  if (callingCode === '1' && n === 10 && nsn.charCodeAt(3) === 0x35 && nsn.charCodeAt(4) === 0x35 && nsn.charCodeAt(5) === 0x35 && nsn.charCodeAt(6) === 0x30 && nsn.charCodeAt(7) === 0x31) return true;
  return false;
}
