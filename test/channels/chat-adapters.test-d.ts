import { describe, expectTypeOf, it } from 'vitest';
import type { ChannelAdapter, NormalizeContext } from '../../src/channels/adapter.js';
import { type EmailAdapter, type EmailNormalizeContext, emailAdapter, normalizeEmailMessage } from '../../src/channels/email.js';
import { lineAdapter, normalizeLineWebhook } from '../../src/channels/line.js';
import { mergeCallMessages } from '../../src/channels/merge-call-messages.js';
import { normalizeTelegramUpdate, telegramAdapter } from '../../src/channels/telegram.js';
import { normalizeTwilioWebhook, twilioAdapter } from '../../src/channels/twilio.js';
import { normalizeWebChatEvent, webchatAdapter } from '../../src/channels/webchat.js';
import type { WebChatEvent } from '../../src/channels/webchat-event.js';
import type { Result } from '../../src/model/issue.js';
import type { Message } from '../../src/model/message.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';

describe('chat adapter types', () => {
  it('synchronous adapters are ChannelAdapters returning a Result', () => {
    expectTypeOf(telegramAdapter).toEqualTypeOf<ChannelAdapter>();
    expectTypeOf(twilioAdapter).toEqualTypeOf<ChannelAdapter>();
    expectTypeOf(lineAdapter).toEqualTypeOf<ChannelAdapter>();
    expectTypeOf(webchatAdapter).toEqualTypeOf<ChannelAdapter>();
    expectTypeOf(normalizeTelegramUpdate).returns.toEqualTypeOf<Result<NormalizedBatch>>();
    expectTypeOf(normalizeTwilioWebhook).returns.toEqualTypeOf<Result<NormalizedBatch>>();
    expectTypeOf(normalizeLineWebhook).returns.toEqualTypeOf<Result<NormalizedBatch>>();
    expectTypeOf(normalizeWebChatEvent).returns.toEqualTypeOf<Result<NormalizedBatch>>();
  });

  it('email is asynchronous and takes raw bytes or text; its context extends NormalizeContext', () => {
    expectTypeOf(emailAdapter).toEqualTypeOf<EmailAdapter>();
    expectTypeOf(normalizeEmailMessage).returns.resolves.toEqualTypeOf<Result<NormalizedBatch>>();
    expectTypeOf(normalizeEmailMessage).parameter(0).toEqualTypeOf<string | Uint8Array | ArrayBuffer>();
    expectTypeOf<EmailNormalizeContext>().toMatchTypeOf<NormalizeContext>();
    expectTypeOf<EmailNormalizeContext['ownAddresses']>().toEqualTypeOf<readonly string[] | undefined>();
  });

  it('mergeCallMessages folds two messages into one; web chat events are typed', () => {
    expectTypeOf(mergeCallMessages).toEqualTypeOf<(a: Message, b: Message) => Message>();
    expectTypeOf<WebChatEvent['type']>().toEqualTypeOf<'message' | 'identify' | 'session_start' | 'session_end' | 'read'>();
  });
});
