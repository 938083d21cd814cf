import { relatedMatch, type FamilyKind, type RelatedDomain } from './domain-families';
import { comparePartialDates } from './partial-date';
import type { HistoryVerdict, SiteHistory } from './history-verdict';

// The pure rules of alerts: one per (site, breach), created on the first visit, updated on later ones.

export type AlertState = 'new' | 'reviewed' | 'done' | 'dismissed';
export const ALERT_STATES: readonly AlertState[] = ['new', 'reviewed', 'done', 'dismissed'];

export interface Alert {
  /** `${site}|${breachId}`: stable, so a second visit finds the first one's alert. */
  id: string;
  /** The breached domain the person visited, e.g. coop.co.uk for www.coop.co.uk. */
  site: string;
  breachId: string;
  /** Kept so the alert reads well after the dataset changes (absent only in alerts of older versions). */
  title?: string;
  /** The breach's date, so the row can say "2012" (absent in alerts of older versions). */
  breachDate?: string;
  firstSeen: number;
  lastSeen: number;
  visits: number;
  state: AlertState;
  /** Whether a system notification was shown for it. */
  notified?: boolean;
  /** Raised by a data update: the site was visited before this breach was known (visits starts at 0). */
  reported?: boolean;
  /** Set when the site matched through a brand family: why this breach concerns it (x.com, Twitter's new name). */
  matchedVia?: { via: string; kind: FamilyKind };
  /** Raised or met by the history check (issue #13). Kept when the person stops the history use. */
  foundInHistory?: boolean;
  /**
   * What the browser's history said of the site at the last check: its first and last visit, the visit count and
   * the verdict. The only trace of the history that is stored; deleted when the person stops the history use.
   */
  history?: AlertHistory;
}

export interface AlertHistory extends SiteHistory {
  verdict: HistoryVerdict;
  checkedAt: number;
}

export interface AlertSettings {
  paused: boolean;
  mutedSites: readonly string[];
  /** Breaches made public more than this many years ago raise no alert; null means all do. */
  maxAgeYears: number | null;
  /** Whether alerts of sensitive breaches (dating, health sites) are stored at all: off by default. */
  recordSensitive: boolean;
}

export interface VisitedBreach {
  id: string;
  title: string;
  breachDate: string;
  /** When it became known, where not its breach date (see breach-urgency.ts): the age window counts from it. */
  knownSince?: string | undefined;
  sensitive: boolean;
  /** With `related`, the alert can say why a family domain matched. */
  domains?: readonly string[];
  related?: readonly RelatedDomain[] | undefined;
}

export const alertId = (site: string, breachId: string) => `${site}|${breachId}`;

/** True when a muted site is the site itself or a parent of it. */
export function isMuted(site: string, mutedSites: readonly string[]): boolean {
  return mutedSites.some((m) => site === m || site.endsWith(`.${m}`));
}

/** Whether a breach is recent enough to raise an alert under the age setting, at time `now`. */
export function withinAgeWindow(breachDate: string, maxAgeYears: number | null, now: number): boolean {
  if (maxAgeYears === null) return true;
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - maxAgeYears);
  // A partial date counts as its latest possible day: "2019" is within five years in 2024.
  return comparePartialDates(breachDate, cutoff.toISOString().slice(0, 10)) >= 0;
}

/** Whether a breach on this site may raise an alert now: alerts not paused, site not muted, recent enough. */
export function mayAlert(site: string, breach: VisitedBreach, settings: AlertSettings, now: number): boolean {
  return (
    !settings.paused &&
    !isMuted(site, settings.mutedSites) &&
    withinAgeWindow(breach.knownSince ?? breach.breachDate, settings.maxAgeYears, now)
  );
}

/**
 * Whether an alert of this breach may be stored: a sensitive breach's site itself says something about the person,
 * so by default nothing of it is kept (the badge and popup still inform while they are on the site).
 */
export function mayRecord(breach: VisitedBreach, settings: Pick<AlertSettings, 'recordSensitive'>): boolean {
  return !breach.sensitive || settings.recordSensitive;
}

/** Whether this visit should create or update an alert at all. */
export function shouldAlert(site: string, breach: VisitedBreach, settings: AlertSettings, now: number): boolean {
  return mayAlert(site, breach, settings, now) && mayRecord(breach, settings);
}

/** A new alert for `site` and `breach` (a sensitive one only reaches here when the person opted in). */
function newAlert(site: string, breach: VisitedBreach, now: number): Alert {
  const via = breach.domains ? relatedMatch({ domains: breach.domains, related: breach.related }, site) : undefined;
  return {
    id: alertId(site, breach.id),
    site,
    breachId: breach.id,
    title: breach.title,
    breachDate: breach.breachDate,
    firstSeen: now,
    lastSeen: now,
    visits: 1,
    state: 'new',
    ...(via ? { matchedVia: { via: via.via, kind: via.kind } } : {}),
  };
}

/** The alert after one more visit: created on the first, counted on later ones; its state is kept. */
export function recordVisit(existing: Alert | undefined, site: string, breach: VisitedBreach, now: number): Alert {
  if (existing) return { ...existing, lastSeen: Math.max(existing.lastSeen, now), visits: existing.visits + 1 };
  return newAlert(site, breach, now);
}

/**
 * The alert a data update raises when a site in the alert history reports a further breach: "a site you
 * visited has reported a breach". Not a visit, so it counts none; an existing alert is left as it is.
 */
export function recordReport(existing: Alert | undefined, site: string, breach: VisitedBreach, now: number): Alert {
  return existing ?? { ...newAlert(site, breach, now), visits: 0, reported: true };
}

/**
 * The alert after the history check found this site and breach: an existing alert (from visits, an update or an
 * earlier check) gains what the history says and keeps its state and counts; a new one counts no visit of the
 * extension's own (the history's visits are in `history`). Never a second alert for the same site and breach.
 */
export function recordHistory(
  existing: Alert | undefined,
  site: string,
  breach: VisitedBreach,
  history: AlertHistory,
): Alert {
  const base = existing ?? { ...newAlert(site, breach, history.checkedAt), visits: 0 };
  return { ...base, foundInHistory: true, history };
}

/**
 * When the person first used the site, as far as the extension knows: the history's first visit where the check
 * found one, else the first visit the extension recorded (an alert raised only by the history has none of its own).
 */
export function firstUseOf(a: Alert): number {
  if (!a.history) return a.firstSeen;
  return a.visits > 0 ? Math.min(a.history.firstVisit, a.firstSeen) : a.history.firstVisit;
}

/** The alert without the history's visit dates: what "Stop using my history" leaves (the alert itself stays). */
export function withoutHistory(alert: Alert): Alert {
  if (!alert.history) return alert;
  const rest = { ...alert };
  delete rest.history;
  return rest;
}

/** The (site, breach) pairs a data update adds for sites in the alert history, given the breaches of each site. */
export function newlyReported<B extends { id: string }>(
  historySites: Iterable<string>,
  breachesOf: (site: string) => readonly B[],
  previousIds: ReadonlySet<string>,
): { site: string; breach: B }[] {
  const found: { site: string; breach: B }[] = [];
  for (const site of new Set(historySites)) {
    for (const breach of breachesOf(site)) if (!previousIds.has(breach.id)) found.push({ site, breach });
  }
  return found;
}

/**
 * Merges imported alerts into stored ones without duplicates: the same id keeps the earliest first visit,
 * the latest last visit, the larger visit count, and the more advanced state.
 */
export function mergeAlerts(stored: readonly Alert[], imported: readonly Alert[]): { merged: Alert[]; added: number } {
  const byId = new Map(stored.map((a) => [a.id, a]));
  let added = 0;
  for (const a of imported) {
    const b = byId.get(a.id);
    if (!b) {
      byId.set(a.id, a);
      added++;
      continue;
    }
    const notified = a.notified || b.notified;
    byId.set(a.id, {
      ...b,
      ...(notified ? { notified } : {}),
      title: b.title ?? a.title,
      ...(a.foundInHistory || b.foundInHistory ? { foundInHistory: true } : {}),
      ...((b.history ?? a.history) ? { history: (b.history ?? a.history)! } : {}),
      firstSeen: Math.min(a.firstSeen, b.firstSeen),
      lastSeen: Math.max(a.lastSeen, b.lastSeen),
      visits: Math.max(a.visits, b.visits),
      state: ALERT_STATES.indexOf(a.state) > ALERT_STATES.indexOf(b.state) ? a.state : b.state,
    });
  }
  return { merged: [...byId.values()], added };
}

export type AlertFilter = 'new' | 'done' | 'all' | 'dismissed';

/** Whether an alert is one a filter and a search show. Search matches site or title. */
export function alertMatches(a: Alert, filter: AlertFilter, search = ''): boolean {
  const q = search.trim().toLowerCase();
  return (
    (filter === 'all' || a.state === filter) && (!q || a.site.includes(q) || (a.title ?? '').toLowerCase().includes(q))
  );
}

/** The alerts a filter and a search show, newest (last seen) first. */
export function filterAlerts(alerts: readonly Alert[], filter: AlertFilter, search = ''): Alert[] {
  return alerts
    .filter((a) => alertMatches(a, filter, search))
    .sort((a, b) => b.lastSeen - a.lastSeen || a.id.localeCompare(b.id));
}

const CSV_COLUMNS = ['site', 'breachId', 'title', 'state', 'visits', 'firstSeen', 'lastSeen'] as const;

/** Alerts as CSV (RFC 4180 quoting; dates as ISO; cells that a spreadsheet would run as formulas defused). */
export function alertsToCsv(
  alerts: readonly Alert[],
  /** Each alert's progress through its breach's steps, where the page knows it: three more columns. */
  progressOf?: (a: Alert) => { done: number; tasks: number; needsAction: boolean } | undefined,
): string {
  const cell = (v: unknown) => {
    let s = String(v ?? '');
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // What the history check found (issue #13), only when some alert has it: the file stays as it was otherwise.
  const withHistory = alerts.some((a) => a.history);
  const extra = [
    ...(progressOf ? ['stepsDone', 'steps', 'needsAction'] : []),
    ...(withHistory ? ['historyVerdict', 'historyFirstVisit', 'historyVisits'] : []),
  ];
  const rows = alerts.map((a) => {
    const p = progressOf?.(a);
    const h = a.history;
    return [
      ...CSV_COLUMNS.map((c) => cell(c === 'firstSeen' || c === 'lastSeen' ? new Date(a[c]).toISOString() : a[c])),
      ...(progressOf ? [cell(p?.done), cell(p?.tasks), cell(p ? (p.needsAction ? 'yes' : 'no') : '')] : []),
      ...(withHistory ? [cell(h?.verdict), cell(h ? new Date(h.firstVisit).toISOString() : ''), cell(h?.visits)] : []),
    ].join(',');
  });
  return [[...CSV_COLUMNS, ...extra].join(','), ...rows].join('\r\n') + '\r\n';
}
