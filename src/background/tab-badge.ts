import type { Lookup } from '../core/breach-index';
import type { IndexedBreach } from './site-visit';
import type { Translate } from '../shared/i18n';

// Feature: the toolbar icon of a tab shows how many known breaches its site has had: in alert colour
// while any of its alerts is new, in a calm colour once they have been reviewed (or raise no alert).

/** The parts of browser.action this feature uses, so tests can hand in a recorder. */
export interface ActionApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
  setTitle(details: { tabId: number; title: string }): Promise<void>;
  setIcon(details: { tabId: number; path: Record<string, string> }): Promise<void>;
}

export const ALERT_COLOUR = '#b3261e';
export const CALM_COLOUR = '#3c5a80';
/** A muted site: grey, so it looks muted at a glance (white text on it passes AA contrast). */
export const MUTED_COLOUR = '#5f6368';
const ICONS = {
  alert: { '16': 'icons/alert-16.png', '32': 'icons/alert-32.png' },
  neutral: { '16': 'icons/neutral-16.png', '32': 'icons/neutral-32.png' },
};

export type BadgeTone = 'alert' | 'calm' | 'muted';
const COLOUR: Record<BadgeTone, string> = { alert: ALERT_COLOUR, calm: CALM_COLOUR, muted: MUTED_COLOUR };

/** Sets or clears one tab's badge, icon and tooltip from its lookup result. */
export async function setTabBadge(
  action: ActionApi,
  t: Translate,
  tabId: number,
  result: Lookup<IndexedBreach> | null,
  tone: BadgeTone,
): Promise<void> {
  const breaches = result?.status === 'ok' ? result.breaches : [];
  if (result?.status !== 'ok' || breaches.length === 0) {
    await Promise.all([
      action.setBadgeText({ tabId, text: '' }),
      action.setIcon({ tabId, path: ICONS.neutral }),
      action.setTitle({
        tabId,
        title: result?.status === 'ok' ? t('badgeTitleClear', [result.host]) : t('actionTitle'),
      }),
    ]);
    return;
  }
  await Promise.all([
    action.setBadgeText({ tabId, text: String(breaches.length) }),
    action.setBadgeBackgroundColor({ tabId, color: COLOUR[tone] }),
    action.setIcon({ tabId, path: tone === 'alert' ? ICONS.alert : ICONS.neutral }),
    action.setTitle({
      tabId,
      title:
        (breaches.length === 1
          ? t('badgeTitleBreachedOne', [result.host, breaches[0]!.title])
          : t('badgeTitleBreachedMany', [result.host, breaches.length, breaches.map((b) => b.title).join('; ')])) +
        (tone === 'muted' ? ` ${t('badgeTitleMuted')}` : ''),
    }),
  ]);
}
