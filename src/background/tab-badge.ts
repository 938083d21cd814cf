import { lookupUrl, type BreachIndex } from '../core/breach-index';
import type { BreachSummary } from '../core/assemble-dataset';
import type { Translate } from '../shared/i18n';

// Feature: the toolbar icon of a tab shows how many known breaches its site has had.

/** The parts of browser.action this feature uses, so tests can hand in a recorder. */
export interface ActionApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
  setTitle(details: { tabId: number; title: string }): Promise<void>;
  setIcon(details: { tabId: number; path: Record<string, string> }): Promise<void>;
}

export const ALERT_COLOUR = '#b3261e';
const ICONS = {
  alert: { 16: 'icons/alert-16.png', 32: 'icons/alert-32.png' },
  neutral: { 16: 'icons/neutral-16.png', 32: 'icons/neutral-32.png' },
};

export interface TabBadgeDeps {
  index: BreachIndex<BreachSummary>;
  action: ActionApi;
  t: Translate;
}

/** Sets or clears one tab's badge, icon and tooltip from its URL. */
export async function updateTabBadge(deps: TabBadgeDeps, tabId: number, url: string | undefined): Promise<void> {
  const { action, t } = deps;
  const result = url ? lookupUrl(deps.index, url) : null;
  const breaches = result?.status === 'ok' ? result.breaches : [];
  if (breaches.length === 0) {
    await Promise.all([
      action.setBadgeText({ tabId, text: '' }),
      action.setIcon({ tabId, path: stringKeys(ICONS.neutral) }),
      action.setTitle({
        tabId,
        title: result?.status === 'ok' ? t('badgeTitleClear', [result.host]) : t('actionTitle'),
      }),
    ]);
    return;
  }
  const host = result?.status === 'ok' ? result.host : '';
  await Promise.all([
    action.setBadgeText({ tabId, text: String(breaches.length) }),
    action.setBadgeBackgroundColor({ tabId, color: ALERT_COLOUR }),
    action.setIcon({ tabId, path: stringKeys(ICONS.alert) }),
    action.setTitle({
      tabId,
      title:
        breaches.length === 1
          ? t('badgeTitleBreachedOne', [host, breaches[0]!.title])
          : t('badgeTitleBreachedMany', [host, breaches.length, breaches.map((b) => b.title).join('; ')]),
    }),
  ]);
}

function stringKeys(icons: Record<number, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(icons));
}
