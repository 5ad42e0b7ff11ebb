import { lazy } from '../internal/lazy.js';

/** Consumer mailbox providers whose domain is often mistyped (`gmial.com`, `hotmail.co`, `outlok.com`). */
const PROVIDERS = lazy(() => 'gmail.com hotmail.com outlook.com yahoo.com icloud.com protonmail.com hotmail.es yahoo.es outlook.es yahoo.com.br yahoo.com.mx yahoo.com.ar'.split(' '));

/**
 * Real mail domains one edit away from a provider: never corrected (`mail.com` is not `gmail.com`
 * without its g, `ymail.com` is Yahoo's, `yahoo.com.ar` is not a typo of `yahoo.com.br`).
 */
const REAL = lazy(
  () =>
    new Set([
      ...PROVIDERS(),
      ...(
        'mail.com email.com ymail.com gmx.com googlemail.com hotmail.fr hotmail.it hotmail.de hotmail.be hotmail.com.br ' +
        'hotmail.com.ar hotmail.com.mx hotmail.co.uk outlook.com.br outlook.pt outlook.fr outlook.de outlook.it yahoo.fr ' +
        'yahoo.de yahoo.it yahoo.ca yahoo.co.uk yahoo.co.jp yahoo.co.in yahoo.com.au yahoo.com.co yahoo.com.pe yahoo.com.ve ' +
        'yahoo.cl yahoo.com.cl'
      ).split(' '),
    ]),
);

/** True when `a` becomes `b` by one insertion, deletion, substitution or swap of adjacent characters. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i);
  const restB = b.slice(i);
  if (a.length === b.length) return restA.slice(1) === restB.slice(1) || (restA.length >= 2 && restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2));
  return a.length > b.length ? restA.slice(1) === restB : restA === restB.slice(1);
}

/**
 * The provider domain a mistyped consumer mail domain stands for (`gmial.com`, `gmail.con`,
 * `hotmail.co`, `outlok.com` → the provider), or undefined. Only one edit away from one provider,
 * never a real domain; and `gmail.` under any other ending (`gmail.com.br`: Gmail has no country
 * domains).
 *
 * @example
 * ```ts
 * mailDomainTypoOf('gmial.com');    // 'gmail.com'
 * mailDomainTypoOf('gmail.com.br'); // 'gmail.com'
 * mailDomainTypoOf('ymail.com');    // undefined (Yahoo's own domain)
 * ```
 * @internal
 */
export function mailDomainTypoOf(domain: string): string | undefined {
  if (REAL().has(domain)) return undefined;
  if (domain.startsWith('gmail.')) return 'gmail.com';
  let found: string | undefined;
  for (const provider of PROVIDERS()) {
    if (!oneEditApart(domain, provider)) continue;
    if (found !== undefined) return undefined;
    found = provider;
  }
  return found;
}
