import { describe, expect, it } from 'vitest';
import { describeForPage } from '../../src/core/page-description';
import { toSafeDescription } from '../../src/core/safe-description';

describe('describeForPage (the worker keeps markup for the page to sanitise)', () => {
  it('keeps the markup as it came and makes a plain text without any tag or script content', () => {
    const html =
      ' In 2019, <a href="https://x.example/">Foo</a> lost <b>data</b>.<script>alert("x")</script><style>p{}</style> ';
    expect(describeForPage(html)).toEqual({ html: html.trim(), text: 'In 2019, Foo lost data.' });
  });

  it('decodes the common named and numeric entities, and leaves unknown or impossible ones as written', () => {
    expect(
      describeForPage('&lt;b&gt; &quot;q&quot; &#39;s&#x27; &amp;amp; &nbsp;x &eacute; &#0; &#xD800; &#x1F600;').text,
    ).toBe('<b> "q" \'s\' &amp; x &eacute; &#0; &#xD800; 😀');
  });

  it("gives the same text as the build's parser for every HIBP description that uses only common entities", async () => {
    const { readFileSync } = await import('node:fs');
    const list = JSON.parse(readFileSync('data/hibp/breaches.json', 'utf8')) as { Description: string }[];
    const plain = list.filter((b) => !/&(?!(amp|lt|gt|quot|apos|nbsp|#\d+|#x[0-9a-f]+);)\w+;/i.test(b.Description));
    expect(plain.length).toBeGreaterThan(list.length * 0.9);
    const differ = plain.filter((b) => {
      return describeForPage(b.Description).text !== toSafeDescription(b.Description).text;
    });
    expect(differ.map((b) => b.Description.slice(0, 120))).toEqual([]);
  });
});
