import { describe, expect, it } from 'vitest';
import { buildBreachIndex, lookupHost, lookupUrl } from '../../src/core/breach-index';
import { webHostOf, webHostOfLoose } from '../../src/core/web-host';

const breaches = [
  { id: 'coop', domains: ['coop.co.uk'] },
  { id: 'flowers', domains: ['debenhamsflowers.com'] },
  { id: 'ms', domains: ['marksandspencer.com', 'marksandspencer.ie'] },
  { id: 'idn', domains: ['xn--mnchen-3ya.de'] }, // münchen.de
  { id: 'shop-only', domains: ['shop.example.com'] },
  { id: 'example-parent', domains: ['example.com'] },
];
const index = buildBreachIndex(breaches, ['co.uk', 'com', 'ie', 'de', 'github.io']);
const ids = (url: string) => {
  const r = lookupUrl(index, url);
  return r.status === 'ok' ? r.breaches.map((b) => b.id) : r.reason;
};

describe('matching on label boundaries', () => {
  it.each([
    ['https://coop.co.uk/', ['coop']],
    ['https://www.coop.co.uk/', ['coop']],
    ['https://shop.coop.co.uk/basket?x=1#y', ['coop']],
    ['http://a.b.c.coop.co.uk:8080/', ['coop']],
    ['https://COOP.CO.UK/', ['coop']],
    ['https://www.coop.co.uk./', ['coop']],
    ['https://www.marksandspencer.ie/', ['ms']],
    ['https://debenhamsflowers.com/', ['flowers']],
    ['https://münchen.de/', ['idn']],
    ['https://www.xn--mnchen-3ya.de/', ['idn']],
    ['https://shop.example.com/', ['shop-only', 'example-parent']],
    ['https://www.example.com/', ['example-parent']],
  ])('%s matches %j', (url, expected) => {
    expect(ids(url)).toEqual(expected);
  });

  it.each([
    'https://notcoop.co.uk/',
    'https://coop.co.uk.evil.example/',
    'https://coop-co-uk.example/',
    'https://co-op.co.uk/',
    'https://coop.co/',
    'https://www.debenhams.com/',
    'https://debenhams.com/',
    'https://flowers.com/',
    'https://marksandspencer.co/',
    'https://xn--coop-xxx.co.uk/',
    'https://coop.co.uk@evil.example/',
    'https://evil.example/?u=https://coop.co.uk/',
    'https://evil.example/coop.co.uk',
  ])('does not match %s', (url) => {
    expect(ids(url)).toEqual([]);
  });
});

describe('URLs that are not applicable', () => {
  it.each([
    ['chrome://settings/', 'not-web'],
    ['about:blank', 'not-web'],
    ['file:///etc/passwd', 'not-web'],
    ['data:text/html,<h1>coop.co.uk</h1>', 'not-web'],
    ['javascript:alert(1)', 'not-web'],
    ['blob:https://coop.co.uk/1234', 'not-web'],
    ['chrome-extension://abc/popup.html', 'not-web'],
    ['ftp://coop.co.uk/', 'not-web'],
    ['http://127.0.0.1/', 'ip-address'],
    ['http://10.0.0.1:8080/', 'ip-address'],
    ['http://[::1]/', 'ip-address'],
    ['http://0x7f.1/', 'ip-address'],
    ['http://localhost:3000/', 'no-site'],
    ['http://app.localhost/', 'no-site'],
    ['http://intranet/', 'no-site'],
    ['https://co.uk/', 'no-site'],
    ['https://com./', 'no-site'],
    ['not a url', 'invalid-url'],
    ['', 'invalid-url'],
    ['http://', 'invalid-url'],
    [`https://${'a'.repeat(64)}.coop.co.uk/`, 'invalid-url'],
  ])('%s is not applicable (%s)', (url, reason) => {
    expect(ids(url)).toBe(reason);
  });
});

describe('host parsing', () => {
  it('reads the host after userinfo, not before it', () => {
    expect(webHostOf('https://coop.co.uk@evil.example/')).toEqual({ ok: true, host: 'evil.example' });
  });
  it('turns IDNs into punycode and lower-cases', () => {
    expect(webHostOf('https://WWW.München.DE/')).toEqual({ ok: true, host: 'www.xn--mnchen-3ya.de' });
  });
  it('accepts a bare host on the command line but not in the extension', () => {
    expect(webHostOfLoose('shop.coop.co.uk/path')).toEqual({ ok: true, host: 'shop.coop.co.uk' });
    expect(webHostOf('shop.coop.co.uk')).toEqual({ ok: false, reason: 'invalid-url' });
  });
  it('looks up a host name directly', () => {
    const r = lookupHost(index, 'Shop.Coop.Co.Uk.');
    expect(r.status === 'ok' && r.breaches.map((b) => b.id)).toEqual(['coop']);
  });
});

describe('index', () => {
  it('lists a breach once even when two of its domains match one host', () => {
    const i = buildBreachIndex([{ id: 'x', domains: ['a.example.com', 'example.com'] }]);
    const r = lookupUrl(i, 'https://b.a.example.com/');
    expect(r.status === 'ok' && r.breaches.map((b) => b.id)).toEqual(['x']);
  });
  it('keeps every breach of a shared domain', () => {
    const i = buildBreachIndex([
      { id: 'one', domains: ['example.com'] },
      { id: 'two', domains: ['example.com'] },
    ]);
    expect(i.find('example.com').map((b) => b.id)).toEqual(['one', 'two']);
    expect(i.size).toBe(2);
  });
});
