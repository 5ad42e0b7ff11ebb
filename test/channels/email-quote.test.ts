import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitQuotedHtml, splitQuotedText } from '../../src/channels/_email-quote.js';
import { htmlToText } from '../../src/channels/_html-text.js';

describe('splitQuotedText', () => {
  it('recognises translated attributions and Outlook blocks after an underscore rule', () => {
    expect(splitQuotedText("Merci !\n\nLe lun. 29 avr. 2024 à 10:00, Shop <s@shop.example> a écrit :\n> Bonjour")).toEqual({
      text: 'Merci !',
      quoted: "Le lun. 29 avr. 2024 à 10:00, Shop <s@shop.example> a écrit :\n> Bonjour",
    });
    expect(splitQuotedText('Danke\n\nAm Mo., 29. Apr. 2024 um 10:00 Uhr schrieb Shop <s@shop.example>:\n> Hallo').text).toBe('Danke');
    expect(splitQuotedText('Obrigado\n\nEm seg., 29 de abr. de 2024, Loja escreveu:\n> Olá').text).toBe('Obrigado');
    expect(splitQuotedText('Thanks\n\n________________________________\nFrom: Shop <s@shop.example>\nSent: Monday, April 29, 2024 10:00\nTo: Ana\nSubject: Order\n\nHello')).toEqual({
      text: 'Thanks',
      quoted: '________________________________\nFrom: Shop <s@shop.example>\nSent: Monday, April 29, 2024 10:00\nTo: Ana\nSubject: Order\n\nHello',
    });
  });

  it('joins a Gmail attribution wrapped over two lines', () => {
    expect(splitQuotedText('Ok\n\nOn Mon, Apr 29, 2024 at 10:00 AM Shop Support <support@shop.example>\nwrote:\n\n> Hello')).toEqual({
      text: 'Ok',
      quoted: 'On Mon, Apr 29, 2024 at 10:00 AM Shop Support <support@shop.example>\nwrote:\n\n> Hello',
    });
  });

  it('a "From:" line without a Sent/Date line soon after is just text', () => {
    expect(splitQuotedText('From: my experience, this works.\nThanks')).toEqual({ text: 'From: my experience, this works.\nThanks' });
  });

  it('never loses a line: new text and quote together hold every non-blank line of the body', () => {
    const line = fc.oneof(
      fc.constantFrom('On Mon, Apr 2, 2012 at 6:26 PM, A <a@b.c> wrote:', '> quoted', '>', '-----Original Message-----', 'From: x', 'Sent: y', '', '   ', '____________'),
      fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ' ')),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const body = lines.join('\n');
        const { text, quoted } = splitQuotedText(body);
        const kept = (s: string) => s.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '').sort();
        expect(kept([text, quoted ?? ''].join('\n'))).toEqual(kept(body));
      }),
    );
  });
});

describe('htmlToText and splitQuotedHtml', () => {
  it('drops tags, styles, scripts and comments, decodes entities, breaks lines at blocks', () => {
    expect(htmlToText('<html><head><style>p{color:red}</style></head><body><!-- hi --><p>A&amp;B&nbsp;&lt;c&gt; &#233;&#x263A;</p><script>alert(1)</script><div>two</div>x<br>y</body></html>')).toBe('A&B <c> é☺\ntwo\nx\ny');
    expect(htmlToText('<p>unterminated <b')).toBe('unterminated');
    expect(htmlToText('&bogus; &#xD800; & done')).toBe('&bogus; &#xD800; & done');
  });

  it('cuts at the quote marker even after letters whose lower case is longer (Turkish İ)', () => {
    const reply = 'İİİİ İstanbul\'dan selamlar';
    expect(splitQuotedHtml(`<p>${reply}</p><div class="gmail_quote">On Mon, Ana wrote:<br>quoted</div>`)).toEqual({ text: reply, quoted: 'On Mon, Ana wrote:\nquoted' });
  });

  it('a long run of spaces followed by many block tags is read in linear time', () => {
    // Each block tag used to scan back over the whole run of spaces to see whether a line had
    // started: about 500 KB of this took over a minute, and now well under a second.
    const html = `a<br>${' \n'.repeat(125_000)}${'<p></p>'.repeat(40_000)}b<div>c</div>`;
    expect(htmlToText(html)).toBe('a\nb\nc');
  });

  it('a long run of & without ; is read in linear time', () => {
    // Each '&' used to look for its ';' up to the end of the text: 2 MB of '&' took about 28 s, and
    // 3 MB well over a minute; now the look stops after the few characters an entity can have.
    const n = 3_000_000;
    expect(htmlToText(`<p>x${'&'.repeat(n)}&amp;</p>`)).toBe(`x${'&'.repeat(n + 1)}`);
    expect(htmlToText('&&amp;&#x10ffff;&#00000065;&#000000065; &amp')).toBe('&&\u{10ffff}A&#000000065; &amp');
  });

  it('many quote markers outside any tag are passed over in linear time', () => {
    // Each marker found used to look back for the last '<' and '>' to the start of the body: about
    // 1 MB of "gmail_quote " in text took over a minute; the scan now only moves forward.
    const words = 'gmail_quote '.repeat(80_000);
    expect(splitQuotedHtml(`<p>reply</p>${words}<div class="gmail_quote">quoted</div>`)).toEqual({ text: `reply\n${words.trim()}`, quoted: 'quoted' });
    expect(splitQuotedHtml(`${words}moz-cite-prefix> no tag`)).toEqual({ text: `${words}moz-cite-prefix> no tag` });
  });

  it('Thunderbird moz-cite-prefix and no marker at all', () => {
    expect(splitQuotedHtml('<p>Fine</p><div class="moz-cite-prefix">On 29/04/2024 10:00, Shop wrote:<br></div><blockquote type="cite">Hi</blockquote>')).toEqual({ text: 'Fine', quoted: 'On 29/04/2024 10:00, Shop wrote:\nHi' });
    expect(splitQuotedHtml('<p>Just this</p>')).toEqual({ text: 'Just this' });
    // A marker inside text (not inside a tag) is not a marker.
    expect(splitQuotedHtml('<p>I searched for gmail_quote today</p>')).toEqual({ text: 'I searched for gmail_quote today' });
  });
});
