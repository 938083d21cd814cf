// Issue #17: one version everywhere, a changelog entry for it, and a privacy policy that names every permission.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/dataset-files';

const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const version = (JSON.parse(read('package.json')) as { version: string }).version;

describe('one version', () => {
  it('package.json, package-lock.json, manifest.json and the built manifests agree, and CHANGELOG.md has it', () => {
    const lock = JSON.parse(read('package-lock.json')) as {
      version: string;
      packages: Record<string, { version: string }>;
    };
    expect([lock.version, lock.packages['']!.version]).toEqual([version, version]);
    expect((JSON.parse(read('manifest.json')) as { version: string }).version).toBe(version);
    for (const target of ['chrome', 'firefox']) {
      const built = join(ROOT, 'dist', target, 'manifest.json');
      expect(existsSync(built), `${built}: run npm run build first`).toBe(true);
      expect((JSON.parse(readFileSync(built, 'utf8')) as { version: string }).version).toBe(version);
    }
    const changelog = read('CHANGELOG.md');
    expect(changelog).toContain('## [Unreleased]');
    expect(changelog).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
  });
});

describe('the privacy policy (PRIVACY.md)', () => {
  const policy = read('PRIVACY.md');

  it('names every permission, optional permission and host of both built manifests, and incognito', () => {
    for (const target of ['chrome', 'firefox']) {
      const m = JSON.parse(readFileSync(join(ROOT, 'dist', target, 'manifest.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      const named = [
        ...((m.permissions as string[]) ?? []),
        ...((m.optional_permissions as string[]) ?? []),
        ...((m.host_permissions as string[]) ?? []),
      ];
      expect(named.length).toBeGreaterThan(3);
      for (const p of named) expect(policy, `${target}: ${p}`).toContain(`\`${p}\``);
      if (m.incognito) expect(policy).toContain(`"incognito": "${m.incognito as string}"`);
      // The policy ships with the code it describes.
      expect(readFileSync(join(ROOT, 'dist', target, 'PRIVACY.md'), 'utf8')).toBe(policy);
    }
  });

  it('names the one request, how to turn it off, and what is never collected', () => {
    expect(policy).toContain('GET https://haveibeenpwned.com/api/v3/breaches');
    expect(policy).toMatch(/With updates off, the extension makes no network request at all/);
    expect(policy).toMatch(/No analytics/);
    expect(read('README.md')).toContain('PRIVACY.md');
  });
});
