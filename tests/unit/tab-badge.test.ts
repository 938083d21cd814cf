import { describe, expect, it } from 'vitest';
import { buildBreachIndex } from '../../src/core/breach-index';
import { ALERT_COLOUR, updateTabBadge, type ActionApi } from '../../src/background/tab-badge';
import type { Translate } from '../../src/shared/i18n';

function recorder() {
  const calls: Record<string, unknown[]> = {};
  const rec = (name: string) => async (d: unknown) => void (calls[name] ??= []).push(d);
  const action: ActionApi = {
    setBadgeText: rec('text'),
    setBadgeBackgroundColor: rec('colour'),
    setTitle: rec('title'),
    setIcon: rec('icon'),
  };
  return { calls, action };
}
const t: Translate = (key, subs) => `${key}(${(subs ?? []).join('|')})`;
const index = buildBreachIndex(
  [
    { id: 'a', title: 'Breach A', domains: ['example.co.uk'], breachDate: '2020', sensitive: false },
    { id: 'b', title: 'Breach B', domains: ['shop.example.co.uk'], breachDate: '2021', sensitive: false },
  ],
  ['co.uk'],
);

describe('tab badge', () => {
  it('shows the count, alert colour, alert icon and names in the tooltip on a breached site', async () => {
    const { calls, action } = recorder();
    await updateTabBadge({ index, action, t }, 7, 'https://shop.example.co.uk/x');
    expect(calls.text).toEqual([{ tabId: 7, text: '2' }]);
    expect(calls.colour).toEqual([{ tabId: 7, color: ALERT_COLOUR }]);
    expect(JSON.stringify(calls.icon)).toContain('icons/alert-16.png');
    expect(calls.title).toEqual([
      { tabId: 7, title: 'badgeTitleBreachedMany(shop.example.co.uk|2|Breach B; Breach A)' },
    ]);
  });

  it('clears the badge and restores the neutral icon elsewhere', async () => {
    const { calls, action } = recorder();
    await updateTabBadge({ index, action, t }, 3, 'https://other.example/');
    expect(calls.text).toEqual([{ tabId: 3, text: '' }]);
    expect(JSON.stringify(calls.icon)).toContain('icons/neutral-16.png');
    expect(calls.title).toEqual([{ tabId: 3, title: 'badgeTitleClear(other.example)' }]);
  });

  it('clears the badge for pages that are not websites and tabs without a URL', async () => {
    for (const url of ['chrome://newtab/', undefined, 'not a url']) {
      const { calls, action } = recorder();
      await updateTabBadge({ index, action, t }, 1, url);
      expect(calls.text).toEqual([{ tabId: 1, text: '' }]);
      expect(calls.title).toEqual([{ tabId: 1, title: 'actionTitle()' }]);
    }
  });
});
