import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
function lookup(...args: string[]) {
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'lookup.ts'), ...args], {
    encoding: 'utf8',
    // Every curated domain's answer, with its sources, is over spawnSync's default 1 MB: the child would be killed.
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: r.status,
    lines: r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
    stderr: r.stderr,
  };
}

describe('lookup CLI', () => {
  it('prints one JSON line per argument with site and breaches', () => {
    const { status, lines } = lookup('https://shop.coop.co.uk/basket', 'www.debenhams.com', 'debenhamsflowers.com');
    expect(status).toBe(0);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ input: 'https://shop.coop.co.uk/basket', site: 'coop.co.uk' });
    expect(lines[0].breaches.map((b: { id: string }) => b.id)).toEqual(['co-op-2025']);
    expect(lines[0].breaches[0]).toMatchObject({ title: 'Co-op cyber attack', breachDate: '2025-04' });
    expect(lines[0].breaches[0].dataClasses).toContain('Dates of birth');
    expect(lines[1]).toMatchObject({ site: 'debenhams.com', breaches: [] });
    expect(lines[2].breaches[0].id).toBe('debenhams-flowers-2017');
  }, 30_000);

  it('gives site null for what is not a site, and an error (exit 1) for what is not a URL, after printing all', () => {
    const { status, lines } = lookup('http://', 'co.uk', 'chrome://settings', 'https://coop.co.uk@evil.example/');
    expect(status).toBe(1);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({ input: 'http://', error: expect.stringContaining('not a URL') });
    expect(lines[1]).toMatchObject({ site: null, breaches: [] });
    expect(lines[2]).toMatchObject({ site: null, notApplicable: expect.stringContaining('http(s)') });
    expect(lines[3]).toMatchObject({ site: 'evil.example', breaches: [] });
  }, 30_000);
});

describe('lookup CLI on every curated brand', () => {
  it('returns each curated breach, with its sources, for a shop page on each of its domains', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = join(ROOT, 'data', 'curated');
    const entries = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id: string; domains: string[] });
    const pages = entries.flatMap((e) => e.domains.map((d) => ({ id: e.id, url: `https://www.${d}/shop/basket` })));
    const { status, lines } = lookup(...pages.map((p) => p.url));
    expect(status).toBe(0);
    expect(lines).toHaveLength(pages.length);
    pages.forEach((p, i) => {
      const hit = lines[i].breaches.find((b: { id: string }) => b.id === p.id);
      expect(hit, `${p.url} should return ${p.id}`).toBeDefined();
      expect(hit.sources.length).toBeGreaterThan(0);
      expect(hit.sources.every((s: { url: string }) => s.url.startsWith('https://'))).toBe(true);
    });
    expect(entries.length).toBeGreaterThanOrEqual(43);
  }, 60_000);
});
