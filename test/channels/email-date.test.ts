// An email Date without a zone (RFC 5322 section 3.3 requires one; broken scripts and mailers still
// send `Tue, 04 Jun 2024 10:00:00`) must not be read in the host's time zone: the same message gives
// the same occurredAt and id on every machine. It is refused as `... CEST` is: receivedAt, with an
// `invalid_value` issue (src/channels/_time.ts: a zoneless string that is not ISO is refused).
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeEmailMessage } from '../../src/channels/email.js';

const RECEIVED = '2024-06-04T12:34:56.000Z';

function raw(date: string, multipart: boolean): string {
  const head = ['From: a@example.com', 'To: s@shop.example', 'Subject: x', `Date: ${date}`, 'Message-ID: <d@x>'];
  // The multipart one (an attachment and flowed text) is read by postal-mime, the other by the synchronous reader.
  const body = multipart
    ? ['MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="B"', '', '--B', 'Content-Type: text/plain; format=flowed', '', 'hello', '--B', 'Content-Type: application/pdf; name="a.pdf"', 'Content-Disposition: attachment; filename="a.pdf"', 'Content-Transfer-Encoding: base64', '', 'JVBERi0=', '--B--', '']
    : ['', 'hello', ''];
  return [...head, ...body].join('\r\n');
}

async function read(date: string, multipart: boolean): Promise<{ occurredAt: string; id: string; codes: string[]; dateHeader: string | undefined }> {
  const r = await normalizeEmailMessage(raw(date, multipart), { receivedAt: RECEIVED });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  const m = r.data.messages[0]!;
  return { occurredAt: m.occurredAt, id: m.id, codes: r.data.issues.map((i) => i.code), dateHeader: m.extra?.dateHeader };
}

const saved = process.env.TZ;
afterEach(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

describe('email Date and the host time zone', () => {
  for (const multipart of [false, true]) {
    it(`a Date without a zone gives receivedAt and an invalid_value issue in every time zone (${multipart ? 'postal-mime' : 'synchronous reader'})`, async () => {
      const seen = new Set<string>();
      for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
        process.env.TZ = tz;
        const r = await read('Tue, 04 Jun 2024 10:00:00', multipart);
        expect(r, tz).toMatchObject({ occurredAt: RECEIVED, codes: ['invalid_value'], dateHeader: 'Tue, 04 Jun 2024 10:00:00' });
        seen.add(r.id);
      }
      expect(seen.size).toBe(1);
    });

    it(`a Date with a zone is read in that zone in every time zone (${multipart ? 'postal-mime' : 'synchronous reader'})`, async () => {
      for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
        process.env.TZ = tz;
        for (const [date, iso] of [
          ['Tue, 04 Jun 2024 10:00:00 +0200', '2024-06-04T08:00:00.000Z'],
          ['Tue, 04 Jun 2024 10:00:00 -0000', '2024-06-04T10:00:00.000Z'],
          ['04 Jun 24 10:00:00 GMT', '2024-06-04T10:00:00.000Z'],
          ['Tue, 04 Jun 2024 10:00:00 +0200 (CEST)', '2024-06-04T08:00:00.000Z'],
        ] as const) {
          const r = await read(date, multipart);
          expect([r.occurredAt, r.codes], `${tz} ${date}`).toEqual([iso, []]);
        }
      }
    });
  }
});
