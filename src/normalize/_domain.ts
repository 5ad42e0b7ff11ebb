import { isAscii } from './_text.js';

/** The outcome of {@link toALabelDomain}: the A-label domain, or why it is not one. */
export type DomainResult = { readonly ok: true; readonly domain: string } | { readonly ok: false; readonly reason: string };

/** RFC 5321 §4.5.3.1.2: a domain is at most 255 octets. */
export const MAX_DOMAIN_OCTETS = 255;

function isLdhLabel(label: string): boolean {
  const n = label.length;
  if (n === 0 || n > 63) return false;
  for (let i = 0; i < n; i++) {
    const c = label.charCodeAt(i);
    const lowerOrDigit = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
    if (!lowerOrDigit && c !== 0x2d) return false;
  }
  return label.charCodeAt(0) !== 0x2d && label.charCodeAt(n - 1) !== 0x2d;
}

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return s.length > 0;
}

/** ASCII characters that can never be part of a host name, checked before the URL parser sees them. */
function hasForbiddenAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) continue;
    const ok =
      (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
    if (!ok) return true;
  }
  return false;
}

function checkLabels(domain: string): DomainResult {
  if (domain.length > MAX_DOMAIN_OCTETS) return { ok: false, reason: `domain is longer than ${MAX_DOMAIN_OCTETS} octets` };
  const labels = domain.split('.');
  if (labels.length < 2) return { ok: false, reason: 'domain has no dot (a bare host name is not a mail domain)' };
  for (const label of labels) {
    if (label.length === 0) return { ok: false, reason: 'domain has an empty label' };
    if (label.length > 63) return { ok: false, reason: 'domain label is longer than 63 octets' };
    if (!isLdhLabel(label)) return { ok: false, reason: `domain label ${JSON.stringify(label)} is not letters, digits and inner hyphens` };
  }
  if (allDigits(labels[labels.length - 1] ?? '')) return { ok: false, reason: 'domain ends in a numeric label (an IP address is not supported)' };
  return { ok: true, domain };
}

/**
 * Lowercase a domain and convert it to A-labels (UTS-46 non-transitional processing via the WHATWG
 * URL host parser, so `faß.de` becomes `xn--fa-hia.de`, not `fass.de`). A trailing root dot is dropped.
 * Address literals (`[192.0.2.1]`), single-label hosts and numeric TLDs are refused.
 */
export function toALabelDomain(input: string): DomainResult {
  let d = input;
  if (d.endsWith('.')) d = d.slice(0, -1);
  if (d.length === 0) return { ok: false, reason: 'domain is empty' };
  if (d.charCodeAt(0) === 0x5b) return { ok: false, reason: 'address literals ([...]) are not supported' };
  if (hasForbiddenAscii(d)) return { ok: false, reason: 'domain contains a character that is not allowed in a host name' };
  if (isAscii(d)) {
    const lower = d.toLowerCase();
    // Plain LDH names need no IDNA processing; A-labels (xn--) go through the parser to be validated.
    if (!lower.includes('xn--')) return checkLabels(lower);
  }
  // Anything longer than this cannot become a valid domain; stop before the (linear but costly) parser.
  if (d.length > 4 * MAX_DOMAIN_OCTETS) return { ok: false, reason: `domain is longer than ${MAX_DOMAIN_OCTETS} octets` };
  let url: URL;
  try {
    url = new URL(`http://${d}/`);
  } catch {
    return { ok: false, reason: 'domain is not a valid internationalized domain name' };
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.port !== '' || url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'domain contains a character that is not allowed in a host name' };
  }
  let host = url.hostname;
  if (host.endsWith('.')) host = host.slice(0, -1);
  return checkLabels(host);
}
