import type { HistoryVerdict, SiteHistory } from '../core/history-verdict';
import type { MessageKey, Translate } from './i18n';
import { formatLocalDay } from '../core/format-date';

// The history check's words (issue #13), one table for the welcome page, the popup's line and the alerts page.

export const VERDICT_TEXT: Record<HistoryVerdict, MessageKey> = {
  'before-breach': 'historyVerdictBefore',
  'before-disclosure': 'historyVerdictBeforeDisclosure',
  'history-short': 'historyVerdictShort',
  'after-disclosure': 'historyVerdictAfter',
};

/** The popup card's line: the verdict, then the visits it rests on. */
export function historyNote(f: { verdict: HistoryVerdict; history: SiteHistory }, t: Translate): string {
  return `${t(VERDICT_TEXT[f.verdict])} ${historyVisitsText(f.history, t)}`;
}

/** "First visit 3 Mar 2026 · last visit 20 Nov 2026 · 14 visits" */
export function historyVisitsText(h: SiteHistory, t: Translate): string {
  return t(h.visits === 1 ? 'historyVisitsOne' : 'historyVisits', [
    formatLocalDay(h.firstVisit),
    formatLocalDay(h.lastVisit),
    h.visits,
  ]);
}

/** What "Stop using my history" did, for the settings and welcome pages' status line. */
export function historyStoppedText(r: { forgotten: number; permissionRemoved: boolean }, t: Translate): string {
  return `${t('historyStopped', [r.forgotten])} ${t(r.permissionRemoved ? 'historyPermissionRemoved' : 'historyPermissionKept')}`;
}
