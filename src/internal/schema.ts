import * as z from 'zod/mini';

// Small schema builders over zod/mini. omnilink uses zod/mini, not classic zod: classic zod costs
// ~90 KiB gzip in a bundle even for one schema, zod/mini ~4 KiB (see test/package/bundle-size.test.ts).

/** A string of bounded length. */
export function boundedString(min: number, max: number, message?: string): z.ZodMiniString<string> {
  return z.string().check(z.minLength(min, message), z.maxLength(max));
}

/** An optional (absent, never `undefined`) field. */
export const opt: typeof z.exactOptional = z.exactOptional;

/** A readonly array of at most `max` items. */
export function boundedArray<T extends z.core.SomeType>(item: T, max: number, min = 0, message?: string): z.ZodMiniReadonly<z.ZodMiniArray<T>> {
  return z.readonly(z.array(item).check(z.minLength(min, message), z.maxLength(max)));
}

/** An ISO-8601 date-time with offset. */
export function isoDateTime(): z.ZodMiniISODateTime {
  return z.iso.datetime({ offset: true });
}

/** A readonly string-to-string record. */
export function stringRecord(): z.ZodMiniReadonly<z.ZodMiniRecord<z.ZodMiniString<string>, z.ZodMiniString<string>>> {
  return z.readonly(z.record(z.string(), z.string()));
}
