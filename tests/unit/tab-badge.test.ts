import { describe, expect, it } from 'vitest';
import { buildBreachIndex, lookupUrl } from '../../src/core/breach-index';
import { ALERT_COLOUR, CALM_COLOUR, setTabBadge } from '../../src/background/tab-badge';
import { fakeT, recordingAction } from '../fixtures/recording-action';

const index = buildBreachIndex(
  [
    { id: 'a', title: 'Breach A', domains: ['example.co.uk'], breachDate: '2020', sensitive: false },
    { id: 'b', title: 'Breach B', domains: ['shop.example.co.uk'], breachDate: '2021', sensitive: false },
  ],
  ['co.uk'],
);
const badge = async (url: string | undefined, tone: 'alert' | 'calm' = 'alert') => {
  const { calls, action } = recordingAction();
  await setTabBadge(action, fakeT, 7, url ? lookupUrl(index, url) : null, tone);
  return calls;
};

describe('tab badge', () => {
  it('shows the count, alert colour, alert icon and the breaches in the tooltip while alerts are new', async () => {
    const calls = await badge('https://shop.example.co.uk/x');
    expect(calls.text).toEqual([{ tabId: 7, text: '2' }]);
    expect(calls.colour).toEqual([{ tabId: 7, color: ALERT_COLOUR }]);
    expect(JSON.stringify(calls.icon)).toContain('icons/alert-16.png');
    expect(calls.title).toEqual([
      { tabId: 7, title: 'badgeTitleBreachedMany(shop.example.co.uk|2|Breach B; Breach A)' },
    ]);
  });

  it('keeps the count but turns calm once reviewed', async () => {
    const calls = await badge('https://example.co.uk/', 'calm');
    expect(calls.text).toEqual([{ tabId: 7, text: '1' }]);
    expect(calls.colour).toEqual([{ tabId: 7, color: CALM_COLOUR }]);
    expect(JSON.stringify(calls.icon)).toContain('icons/neutral-16.png');
    expect(calls.title).toEqual([{ tabId: 7, title: 'badgeTitleBreachedOne(example.co.uk|Breach A)' }]);
  });

  it('clears the badge and restores the neutral icon elsewhere', async () => {
    const calls = await badge('https://other.example/');
    expect(calls.text).toEqual([{ tabId: 7, text: '' }]);
    expect(JSON.stringify(calls.icon)).toContain('icons/neutral-16.png');
    expect(calls.title).toEqual([{ tabId: 7, title: 'badgeTitleClear(other.example)' }]);
  });

  it('clears the badge for pages that are not websites and tabs without a URL', async () => {
    for (const url of ['chrome://newtab/', undefined, 'not a url']) {
      const calls = await badge(url);
      expect(calls.text).toEqual([{ tabId: 7, text: '' }]);
      expect(calls.title).toEqual([{ tabId: 7, title: 'actionTitle()' }]);
    }
  });
});
