import * as v from 'valibot';
import { describeIssues } from './dataset-schema';
import type { FamilyGroup } from './domain-families';

// The shape of Apple's password-manager-resources lists (data/apple/), checked by the data build so that a
// refreshed copy with a mistake fails with its file and entry named instead of sending people to a wrong page.

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;
const host = v.pipe(v.string(), v.regex(HOST, 'must be a lower-case host name'));
const hosts = v.pipe(v.array(host), v.minLength(1, 'must list at least one domain'));

const ChangePasswordPages = v.record(
  host,
  v.pipe(v.string(), v.url('must be a URL'), v.startsWith('https://', 'must be an https URL')),
);
const Group = v.union([
  v.strictObject({ shared: hosts }),
  v.strictObject({ from: hosts, to: hosts, fromDomainsAreObsoleted: v.optional(v.boolean()) }),
]);

export type AppleListsResult =
  { ok: true; pages: Record<string, string>; groups: FamilyGroup[] } | { ok: false; errors: string[] };

/** Checks both lists; every problem is reported with its file and entry. */
export function checkAppleLists(changePasswordUrls: unknown, sharedCredentials: unknown): AppleListsResult {
  const errors: string[] = [];
  const pages = v.safeParse(ChangePasswordPages, changePasswordUrls);
  if (!pages.success)
    for (const line of describeIssues(pages.issues)) errors.push(`data/apple/change-password-URLs.json: ${line}`);
  const groups: FamilyGroup[] = [];
  if (!Array.isArray(sharedCredentials)) {
    errors.push('data/apple/shared-credentials.json: must be a JSON array of groups');
  } else {
    sharedCredentials.forEach((g, i) => {
      const parsed = v.safeParse(Group, g);
      if (!parsed.success) {
        // A union reports its alternatives' issues; the first names the field that is wrong.
        const line = describeIssues(parsed.issues.flatMap((issue) => issue.issues ?? [issue]))[0];
        errors.push(`data/apple/shared-credentials.json: group ${i}: ${line}`);
      } else groups.push(parsed.output as FamilyGroup);
    });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, pages: pages.output as Record<string, string>, groups };
}
