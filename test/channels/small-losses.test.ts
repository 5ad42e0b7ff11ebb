// Facts the adapters used to drop in silence: a Telegram reply to a story
// (https://core.telegram.org/bots/api#message, reply_to_story), and the kind of a Messenger message
// with text and a photo (captioned media, kind `media`, as a WhatsApp captioned image is).
import { describe, expect, it } from 'vitest';
import { normalizeMessenger } from '../../src/channels/messenger.js';
import { normalizeTelegramUpdate } from '../../src/channels/telegram.js';
import { normalizeWhatsApp } from '../../src/channels/whatsapp.js';

const RECEIVED = '2025-06-01T12:00:00.000Z';

describe('small losses', () => {
  it('telegram reply_to_story: the story is named in extra', () => {
    const r = normalizeTelegramUpdate(
      { update_id: 5, message: { message_id: 9, from: { id: 111, is_bot: false, first_name: 'Ana' }, chat: { id: 111, type: 'private' }, date: 1717001100, text: 'love it', reply_to_story: { chat: { id: -1001234, type: 'channel', title: 'Shop' }, id: 42 } } },
      { receivedAt: RECEIVED },
    );
    expect(r.success && r.data.messages[0]?.extra).toEqual({ replyToStoryId: '42', replyToStoryChatId: '-1001234' });
  });

  it('messenger text with an image is media, as a captioned WhatsApp image; text with a fallback link stays text', () => {
    const messenger = (attachments: unknown[]): string | undefined => {
      const r = normalizeMessenger(
        { object: 'page', entry: [{ id: 'P1', time: 1717001100000, messaging: [{ sender: { id: 'U1' }, recipient: { id: 'P1' }, timestamp: 1717001100000, message: { mid: 'm1', text: 'this one', attachments } }] }] },
        { receivedAt: RECEIVED },
      );
      return r.success ? r.data.messages[0]?.kind : undefined;
    };
    expect(messenger([{ type: 'image', payload: { url: 'https://example.com/a.jpg' } }])).toBe('media');
    expect(messenger([{ type: 'fallback', payload: { url: 'https://example.com' } }])).toBe('text');
    const wa = normalizeWhatsApp(
      {
        object: 'whatsapp_business_account',
        entry: [{ id: 'W', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '1' }, messages: [{ from: '16505551234', id: 'wamid.1', timestamp: '1717001100', type: 'image', image: { id: 'img', mime_type: 'image/jpeg', caption: 'this one' } }] } }] }],
      },
      { receivedAt: RECEIVED },
    );
    expect(wa.success && wa.data.messages[0]?.kind).toBe('media');
  });
});
