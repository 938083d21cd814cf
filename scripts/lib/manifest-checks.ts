// What a store would reject in a built manifest, checked before a package is made (`npm run release`) and in the
// unit tests. Returns one line per problem; none means the manifest is fit to upload.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Manifest = Record<string, unknown>;

/** Icon sizes the stores ask for: 128 (Chrome Web Store, install), 48 (extensions page), 16 and 32 (toolbar). */
export const ICON_SIZES = ['16', '32', '48', '128'] as const;

/** The width and height of a PNG file, from its IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Permissions a store build may only ask for when the person turns the feature on. */
export const OPTIONAL_ONLY = ['history', 'notifications'] as const;

export function manifestProblems(target: 'chrome' | 'firefox', manifest: Manifest, dir: string): string[] {
  const problems: string[] = [];
  if (manifest.manifest_version !== 3) problems.push('manifest_version must be 3');
  if (typeof manifest.version !== 'string' || !/^\d+\.\d+\.\d+$/.test(manifest.version))
    problems.push(`version "${String(manifest.version)}" is not x.y.z`);
  // Keys a store sets itself, or that only development builds may carry.
  for (const key of ['key', 'update_url']) if (key in manifest) problems.push(`"${key}" must not be in a store build`);
  if (target === 'chrome' && 'browser_specific_settings' in manifest)
    problems.push('"browser_specific_settings" is Firefox-only');
  if (target === 'firefox') {
    const gecko = (manifest.browser_specific_settings as { gecko?: Record<string, unknown> } | undefined)?.gecko;
    if (!gecko?.id) problems.push('Firefox needs browser_specific_settings.gecko.id');
    if (!gecko?.data_collection_permissions) problems.push('Firefox needs gecko.data_collection_permissions');
  }
  // Permissions asked for at the moment of use stay optional: the history one only ever in answer to "Check the sites
  // I have already used" (the e2e test build requires it; it must never reach a store).
  const required = Array.isArray(manifest.permissions) ? (manifest.permissions as string[]) : [];
  for (const p of OPTIONAL_ONLY) if (required.includes(p)) problems.push(`"${p}" must be an optional permission`);
  const csp = (manifest.content_security_policy as { extension_pages?: string } | undefined)?.extension_pages ?? '';
  // Scripts from the package and nowhere else: no eval, no inline code, no remote host.
  if (/script-src([^;]*)/.exec(csp)?.[1]?.trim() !== "'self'")
    problems.push('the CSP must allow scripts from the package only');
  const icons = (manifest.icons ?? {}) as Record<string, string>;
  for (const size of ICON_SIZES) {
    const file = icons[size];
    if (!file) {
      problems.push(`no ${size}px icon`);
      continue;
    }
    const path = join(dir, file);
    const found = existsSync(path) ? pngSize(readFileSync(path)) : undefined;
    if (!found) problems.push(`icon ${file} is missing or not a PNG`);
    else if (found.width !== Number(size) || found.height !== Number(size))
      problems.push(`icon ${file} is ${found.width}×${found.height}, not ${size}×${size}`);
  }
  return problems;
}
