/// <reference types="chrome" />
// Issue #8 in a real browser: hostile dataset text renders inert, the extension sends nothing over the
// network, its manifests ask for no more than the README justifies, and 1,000 stored alerts are handled.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, ROOT, SCREENSHOT_DIR, seedAlerts, type Harness } from './harness';
import { catchAll, extensionRequests } from './traffic';
import { buildTestVariant } from './test-build';

const HOSTILE = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<a href="javascript:window.__pwned=\'js-link\'" id="js-link">javascript link</a>',
  '<a href="data:text/html,<script>alert(1)</script>" id="data-link">data link</a>',
  '<svg onload="window.__pwned = \'svg\'"><circle r="1"/></svg>',
  '<a href="https://example.com/ok" onmouseover="window.__pwned=\'hover\'">safe link</a>',
  '<iframe src="javascript:parent.__pwned=\'iframe\'"></iframe>',
  '<style>body{display:none}</style>',
  '<em>Readable text survives.</em>',
].join(' ');

describe('hostile dataset text in the popup', () => {
  let h: Harness;
  let work: string;
  beforeAll(async () => {
    const build = buildTestVariant('hostile', (hibp) => [
      {
        ...hibp.find((b) => b.Name === 'Adobe'),
        Name: 'HostileTest',
        Title: 'Hostile <b>title</b>',
        Domain: 'hostile-breach.co.uk',
        Description: HOSTILE,
      },
    ]);
    work = build.work;
    h = await launch(build.dist);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('shows the description as text and links, with nothing executable left', async () => {
    const page = await h.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(h.popupUrl('https://www.hostile-breach.co.uk/'));
    const card = page.locator('article[data-breach-id="hibp-hostiletest"]');
    await card.waitFor();
    // The details fold away under the verdict and the first steps: open them.
    await card.locator('.breach-more > summary').click();
    // The card must have rendered the description, or "nothing executable" would prove nothing.
    await expect(card.locator('.description').textContent()).resolves.toContain('Readable text survives.');
    await card.locator('.description em').waitFor(); // the sanitised markup has replaced the plain text
    await expect(card.locator('h3').textContent()).resolves.toBe('Hostile <b>title</b>');
    await card.locator('.description a', { hasText: 'safe link' }).hover();
    const found = await page.evaluate(() => {
      const d = document.querySelector('article[data-breach-id="hibp-hostiletest"] .description')!;
      const all = [...d.querySelectorAll('*')];
      return {
        tags: [...new Set(all.map((e) => e.tagName.toLowerCase()))].sort(),
        handlers: all.flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
        hrefs: [...d.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
        bodyVisible: getComputedStyle(document.body).display !== 'none',
      };
    });
    expect(found.tags.every((t) => ['a', 'em', 'strong'].includes(t))).toBe(true);
    expect(found.handlers).toEqual([]);
    expect(found.hrefs.filter((x) => x !== null && !x.startsWith('https://'))).toEqual([]);
    expect(found.hrefs).toContain('https://example.com/ok');
    expect(found.pwned).toBeNull();
    expect(found.bodyVisible).toBe(true);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'popup-hostile-description.png'), fullPage: true });
    await page.close();
  });
});

describe('privacy and least privilege', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  // Data updates are on by default (README "Data updates"); their own suite (updates.e2e.ts) proves what they
  // send. Here they are switched off first: then the extension must send nothing at all.
  it('sends nothing over the network while 30 sites are browsed and its pages are used', async () => {
    const settings = await h.context.newPage();
    await settings.goto(h.pageUrl('src/options/index.html'));
    await settings.getByLabel('Download the latest breach list from Have I Been Pwned once a day').uncheck();
    await settings.getByTestId('updates-off').waitFor();
    await settings.close();
    const trap = await catchAll();
    const fromExtension = extensionRequests(h.context);
    try {
      const breached = [
        'www.coop.co.uk',
        'www.debenhamsflowers.com',
        'www.marksandspencer.com',
        'www.adobe.com',
        'www.canva.com',
      ];
      const hosts = [...breached, ...breached.map((b) => `shop.${b.replace(/^www\./, '')}`)];
      for (let i = 0; hosts.length < 30; i++) hosts.push(`site${i}.unbreached-example.co.uk`);
      const page = await h.context.newPage();
      for (const host of hosts) {
        await page.goto(h.site(host));
        await h.titleOf(page, (t) => t.includes(host));
      }
      for (const path of ['src/alerts/index.html', 'src/options/index.html']) {
        const p = await h.context.newPage();
        await p.goto(h.pageUrl(path));
        await p.waitForLoadState('networkidle');
        await p.close();
      }
      const popup = await h.context.newPage();
      await popup.goto(h.popupUrl('https://www.coop.co.uk/'));
      await popup.locator('article').waitFor();
      await popup.waitForLoadState('networkidle');
      await new Promise((r) => setTimeout(r, 500));
      expect(fromExtension).toEqual([]);
      expect(trap.seen, trap.seen.join('\n')).toEqual([]);
      await popup.close();
      await page.close();
    } finally {
      await trap.close();
    }
  });

  it('asks in each built manifest for exactly the permissions the README justifies, under a strict CSP', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const justified = [...readme.matchAll(/^\| `([a-z]+)`/gm)].map((m) => m[1]);
    const justifiedHosts = [...readme.matchAll(/^\| `(https:\/\/[^`]+)`/gm)].map((m) => m[1]);
    expect(justifiedHosts).toEqual(['https://haveibeenpwned.com/*']);
    for (const target of ['chrome', 'firefox']) {
      const m = JSON.parse(readFileSync(join(ROOT, 'dist', target, 'manifest.json'), 'utf8'));
      expect([...m.permissions, ...(m.optional_permissions ?? [])].sort()).toEqual([...justified].sort());
      expect(m.host_permissions ?? []).toEqual(justifiedHosts);
      expect(m.optional_host_permissions ?? []).toEqual([]);
      expect(m.content_scripts ?? []).toEqual([]);
      expect(m.externally_connectable).toBeUndefined();
      const csp: string = m.content_security_policy.extension_pages;
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      // The one remote source is where data updates come from, and only for fetch (connect-src); 'self' is the
      // package's own per-breach files, which the popup reads.
      expect(csp).toMatch(/(^|; )connect-src 'self' https:\/\/haveibeenpwned\.com(;|$)/);
      expect(csp.replace(/connect-src 'self' https:\/\/haveibeenpwned\.com/, '')).not.toMatch(
        /unsafe-eval|unsafe-inline|https?:|\*/,
      );
      expect(csp).toContain("object-src 'none'");
      // Everything else (styles, images, fonts, frames, media) only from the package.
      expect(csp).toMatch(/(^|; )default-src 'self'(;|$)/);
    }
  });

  it('has no eval or new Function in the built JavaScript', () => {
    const files: string[] = [];
    const walk = (d: string) =>
      readdirSync(d).forEach((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : files.push(join(d, f))));
    walk(join(ROOT, 'dist', 'chrome'));
    const js = files.filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(3);
    const offenders = js.filter((f) =>
      /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*["'`]/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('starts the alerts page and records a visit quickly with 1,000 stored alerts', async () => {
    await seedAlerts(h.worker, 1000, 'site');
    const page = await h.context.newPage();
    const start = Date.now();
    await page.goto(h.pageUrl('src/alerts/index.html'));
    // The first page of rows, and the count of all 1,000 (the rest are a "Show more" away).
    await page.locator('[data-testid="alerts"] > li').nth(49).waitFor({ state: 'attached' });
    await page
      .getByText('1000 of 1000 alerts', { exact: false })
      .or(page.getByText('1,000 of 1,000 alerts', { exact: false }))
      .waitFor();
    const pageMs = Date.now() - start;
    const site = await h.context.newPage();
    const visitStart = Date.now();
    await site.goto(h.site('www.coop.co.uk', '/with-1000-alerts'));
    await h.badgeOf(site, (t) => t === '1');
    const visitMs = Date.now() - visitStart;
    // The badge comes first and the visit is recorded right after it (site-visit.ts): poll for the stored alert.
    const alertCount = async () => Object.keys(await h.storage()).filter((k) => k.startsWith('alert:')).length;
    await expect.poll(alertCount).toBe(1001);
    const recordMs = Date.now() - visitStart;
    console.log(
      `1,000 stored alerts: alerts page showed its first 50 in ${pageMs} ms; a visit was badged in ${visitMs} ms and recorded in ${recordMs} ms`,
    );
    expect(pageMs).toBeLessThan(3000);
    expect(visitMs).toBeLessThan(1000);
    expect(recordMs).toBeLessThan(1500);
    await page.close();
    await site.close();
  });
});
