import type { MetadataJson } from 'libphonenumber-js/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Identifier,
  type NormalizedDate,
  type NormalizedEmail,
  type NormalizedName,
  type NormalizedPhone,
  type PhoneNormalizer,
  type Result,
  createPhoneNormalizer,
  defaultPhoneNormalizer,
  foldText,
  identifierMatchKeys,
  nicknameGroups,
  normalizeDate,
  normalizeEmail,
  normalizeHandle,
  normalizeName,
  normalizePhone,
  phoneticKey,
  toIdentifier,
} from '../../src/index.js';

describe('normalize: public types', () => {
  it('normalizers return Results of their normalized shapes', () => {
    expectTypeOf(normalizeEmail).returns.toEqualTypeOf<Result<NormalizedEmail>>();
    expectTypeOf(normalizePhone).returns.toEqualTypeOf<Result<NormalizedPhone>>();
    expectTypeOf(normalizeName).returns.toEqualTypeOf<Result<NormalizedName>>();
    expectTypeOf(normalizeDate).returns.toEqualTypeOf<Result<NormalizedDate>>();
    expectTypeOf(normalizeHandle).returns.toEqualTypeOf<Result<{ readonly key: string; readonly value: string }>>();
    expectTypeOf(toIdentifier).returns.toEqualTypeOf<Result<Identifier>>();
  });

  it('phone normalizers are built from explicit metadata', () => {
    expectTypeOf(createPhoneNormalizer).parameter(0).toEqualTypeOf<MetadataJson>();
    expectTypeOf(createPhoneNormalizer).returns.toEqualTypeOf<PhoneNormalizer>();
    expectTypeOf(defaultPhoneNormalizer).returns.toEqualTypeOf<PhoneNormalizer>();
    expectTypeOf<NormalizedPhone['type']>().toEqualTypeOf<'mobile' | 'fixed_line' | 'fixed_line_or_mobile' | 'other' | undefined>();
    expectTypeOf<NormalizedPhone['variantKeys']>().toEqualTypeOf<readonly string[]>();
  });

  it('name helpers are string functions', () => {
    expectTypeOf(foldText).toEqualTypeOf<(text: string) => string>();
    expectTypeOf(phoneticKey).toEqualTypeOf<(token: string) => string>();
    expectTypeOf(nicknameGroups).toEqualTypeOf<(token: string) => readonly string[]>();
    expectTypeOf(identifierMatchKeys).returns.toEqualTypeOf<readonly string[]>();
  });

  it('Identifier carries the optional generic flag', () => {
    expectTypeOf<Identifier['generic']>().toEqualTypeOf<boolean | undefined>();
  });
});
