/** A phone written with its country code (`+55 …`, `0055 …`): never to be read in another country. */
export const INTERNATIONAL_PHONE: RegExp = /^\s*(?:\+|00)/;
