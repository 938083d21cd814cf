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
const SharedGroup = v.strictObject({ shared: hosts });
const DirectedGroup = v.strictObject({ from: hosts, to: hosts, fromDomainsAreObsoleted: v.optional(v.boolean()) });
/** The schema a group is meant to fit, by its keys: so an error names that shape's field, not the other's. */
const groupSchema = (g: unknown) => (g && typeof g === 'object' && 'shared' in g ? SharedGroup : DirectedGroup);

const reason = v.pipe(v.string('must say why'), v.minLength(10, 'must say why'));
const OwnSharedGroup = v.strictObject({ shared: hosts, reason });
const OwnDirectedGroup = v.strictObject({
  from: hosts,
  to: hosts,
  kind: v.optional(v.literal('same-breach')),
  fromDomainsAreObsoleted: v.optional(v.boolean()),
  reason,
});

/** Checks data/domain-groups.json: Apple's group shape, each with the reason it is right. */
export function checkOwnGroups(value: unknown): { ok: true; groups: FamilyGroup[] } | { ok: false; errors: string[] } {
  if (!Array.isArray(value)) return { ok: false, errors: ['data/domain-groups.json: must be a JSON array of groups'] };
  const errors: string[] = [];
  const groups: FamilyGroup[] = [];
  value.forEach((g, i) => {
    const schema = g && typeof g === 'object' && 'shared' in g ? OwnSharedGroup : OwnDirectedGroup;
    const parsed = v.safeParse(schema, g);
    if (!parsed.success) {
      errors.push(`data/domain-groups.json: group ${i}: ${describeIssues(parsed.issues)[0]}`);
    } else {
      const group: Record<string, unknown> = { ...parsed.output };
      delete group.reason;
      groups.push(group as FamilyGroup);
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, groups };
}

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
      const parsed = v.safeParse(groupSchema(g), g);
      if (!parsed.success) {
        errors.push(`data/apple/shared-credentials.json: group ${i}: ${describeIssues(parsed.issues)[0]}`);
      } else groups.push(parsed.output as FamilyGroup);
    });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, pages: pages.output as Record<string, string>, groups };
}
