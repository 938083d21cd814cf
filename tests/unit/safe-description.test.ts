import { describe, expect, it } from 'vitest';
import { toSafeDescription } from '../../src/core/safe-description';

describe('HIBP description conversion', () => {
  it('keeps text, http(s) links and emphasis', () => {
    const r = toSafeDescription(
      'In 2024, <a href="https://example.com/a?b=1&amp;c=2" target="_self">a site</a> was <em>breached</em> &quot;badly&quot;.',
    );
    expect(r.text).toBe('In 2024, a site was breached "badly".');
    expect(r.html).toBe(
      'In 2024, <a href="https://example.com/a?b=1&#38;c=2" target="_blank" rel="noopener noreferrer">a site</a> was <em>breached</em> &#34;badly&#34;.',
    );
  });

  it.each([
    ['<img src=x onerror="alert(1)">hi', 'hi'],
    ['<script>alert(1)</script>hi', 'hi'],
    ['<style>body{}</style>hi', 'hi'],
    ['<svg><script>alert(1)</script><a href="https://x.example/">s</a></svg>hi', 'hi'],
    ['<iframe src="https://evil.example/"></iframe>hi', 'hi'],
  ])('drops %s', (input, text) => {
    const r = toSafeDescription(input);
    expect(r.text).toBe(text);
    expect(r.html).toBe(text);
  });

  it.each([
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="/relative">x</a>',
    '<a onclick="alert(1)">x</a>',
  ])('turns %s into plain text', (input) => {
    expect(toSafeDescription(input).html).toBe('x');
  });

  it('escapes markup that arrives as text', () => {
    const r = toSafeDescription('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.text).toBe('<script>alert(1)</script>');
    expect(r.html).toBe('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('closes tags the input left open', () => {
    expect(toSafeDescription('<b>bold <a href="https://x.example/">link').html).toBe(
      '<strong>bold <a href="https://x.example/" target="_blank" rel="noopener noreferrer">link</a></strong>',
    );
  });

  it('escapes quotes in link targets', () => {
    const html = toSafeDescription('<a href=\'https://x.example/"onmouseover="alert(1)\'>x</a>').html;
    expect(html).not.toContain('"onmouseover');
  });
});
