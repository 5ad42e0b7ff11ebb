/**
 * `omnilink`: omnichannel customer data. Normalize provider payloads into one model, resolve
 * contact records into persons, and merge their conversations into one timeline.
 *
 * @module omnilink
 */
export * from './model/channel.js';
export * from './model/issue.js';
export * from './model/errors.js';
export * from './model/identifier.js';
export * from './model/contact-record.js';
export * from './model/message.js';
export * from './model/message-event.js';
export * from './model/person.js';
export * from './model/normalized-batch.js';
// normalize: identifier normalizers (email, phone, handles, names, dates) and toIdentifier
export * from './normalize/email.js';
export * from './normalize/phone.js';
export * from './normalize/default-phone.js';
export * from './normalize/handle.js';
export * from './normalize/identifier.js';
// channels: Telegram, Twilio, LINE, email and web chat adapters
export * from './channels/telegram.js';
