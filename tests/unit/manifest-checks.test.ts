import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/dataset-files';
import { manifestProblems, pngSize } from '../../scripts/lib/manifest-checks';

const built = (target: 'chrome' | 'firefox') =>
  JSON.parse(readFileSync(join(ROOT, 'dist', target, 'manifest.json'), 'utf8')) as Record<string, unknown>;

describe('what a store would reject in a built manifest', () => {
  it.each(['chrome', 'firefox'] as const)('the %s build has nothing', (target) => {
    expect(manifestProblems(target, built(target), join(ROOT, 'dist', target))).toEqual([]);
  });

  it('names each problem it finds', () => {
    const chrome = built('chrome');
    const dir = join(ROOT, 'dist', 'chrome');
    expect(manifestProblems('chrome', { ...chrome, key: 'abc', update_url: 'https://x.example/' }, dir)).toEqual([
      '"key" must not be in a store build',
      '"update_url" must not be in a store build',
    ]);
    expect(manifestProblems('chrome', { ...built('firefox') }, dir)).toContain(
      '"browser_specific_settings" is Firefox-only',
    );
    expect(manifestProblems('firefox', { ...chrome }, dir)).toContain(
      'Firefox needs browser_specific_settings.gecko.id',
    );
    const icons = { ...(chrome.icons as object), '48': 'icons/neutral-16.png', '128': 'icons/none.png' };
    expect(manifestProblems('chrome', { ...chrome, icons, version: '1.2' }, dir)).toEqual([
      'version "1.2" is not x.y.z',
      'icon icons/neutral-16.png is 16×16, not 48×48',
      'icon icons/none.png is missing or not a PNG',
    ]);
    const csp = { extension_pages: "script-src 'self' 'unsafe-eval'; object-src 'none'" };
    expect(manifestProblems('chrome', { ...chrome, content_security_policy: csp }, dir)).toEqual([
      'the CSP must allow scripts from the package only',
    ]);
  });

  it('keeps the history and notifications permissions optional in the store builds (the e2e build requires history)', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const m = built(target) as { permissions: string[]; optional_permissions: string[] };
      expect(m.optional_permissions).toEqual(expect.arrayContaining(['history', 'notifications']));
      expect(m.permissions).not.toContain('history');
    }
    const chrome = built('chrome') as { permissions: string[] };
    expect(
      manifestProblems(
        'chrome',
        { ...chrome, permissions: [...chrome.permissions, 'history'] },
        join(ROOT, 'dist', 'chrome'),
      ),
    ).toEqual(['"history" must be an optional permission']);
  });

  it('reads a PNG size, and nothing from what is not a PNG', () => {
    expect(pngSize(readFileSync(join(ROOT, 'icons', 'neutral-128.png')))).toEqual({ width: 128, height: 128 });
    expect(pngSize(new TextEncoder().encode('not a png at all, long enough'))).toBeUndefined();
  });
});
