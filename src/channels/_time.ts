// Provider times come as epoch seconds (WhatsApp, Telegram, Twilio), epoch milliseconds (Meta, LINE),
// numeric strings, or ISO/RFC 2822 strings. They all become `toISOString()` UTC strings, which sort
// as strings.

const MIN_MS = Date.UTC(1990, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);

/** Epoch seconds or milliseconds (told apart by magnitude), numeric string, or date string -> ISO. */
export function toIsoTime(value: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    ms = value < 1e11 ? value * 1000 : value;
  } else if (typeof value === 'string' && value.trim() !== '') {
    const trimmed = value.trim();
    if (isDigits(trimmed) || /^\d+(?:\.\d+)?$/.test(trimmed)) {
      const n = Number(trimmed);
      ms = n < 1e11 ? n * 1000 : n;
    } else {
      const parsed = Date.parse(trimmed);
      ms = Number.isNaN(parsed) ? undefined : parsed;
    }
  }
  if (ms === undefined || ms < MIN_MS || ms > MAX_MS) return undefined;
  return new Date(Math.round(ms)).toISOString();
}

/** All ASCII digits (the common case of epoch strings), without a regex. */
function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}
