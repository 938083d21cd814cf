// Where data updates come from, named once for the worker that fetches and the settings page that asks for
// the permission. manifest.json's host_permissions must match (tests/e2e/hostile.e2e.ts checks it).

/** The only URL the extension ever contacts. */
export const BREACHES_URL = 'https://haveibeenpwned.com/api/v3/breaches';

/** The host permission for it, as permissions.contains() and permissions.request() take it. */
export const BREACHES_HOST_PERMISSION = 'https://haveibeenpwned.com/*';
