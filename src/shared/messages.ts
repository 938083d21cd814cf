import type { Alert, AlertState } from '../core/alert-bookkeeping';
import type { DatasetSummary } from '../core/assemble-dataset';
import type { Lookup } from '../core/breach-index';
import type { BreachLoadFailure, BreachRef } from '../core/breach-details';
import type { Breach } from '../core/dataset-schema';
import type { UpdateState } from '../core/update-schedule';
import type { Progress } from './progress';
import type { Settings } from './storage';
import type { RegionBasis, RegionCode } from '../core/help-region';
import type { RegionContacts } from '../core/protective-steps';
import type { HistoryVerdict, SiteHistory } from '../core/history-verdict';

/** What the options page shows about the breach data in use and its updates. */
export interface DataStatus {
  updatesOn: boolean;
  /** False when the person withdrew the extension's access to haveibeenpwned.com (possible in Firefox). */
  hostPermission: boolean;
  source: 'bundled' | 'updated';
  dataDate: string;
  counts: DatasetSummary['counts'];
  /** The date of the data bundled with this version of the extension. */
  bundledDate: string;
  /** When the list in use was downloaded (updated data only): the time of the last good update. */
  fetchedAt?: number;
  state: UpdateState;
}

/** The worker's answer for one URL: what it badged the tab with, and where the popup reads each breach. */
export interface SiteLookup {
  lookup: Lookup<BreachRef>;
  dataDate: string;
  counts: DatasetSummary['counts'];
  /** Set when downloaded data is in use: the stored download the `download` breaches come from. */
  fetchedAt?: number;
  /** The breaches found, read and checked, and those whose details could not be read (with the reason). */
  details: { breaches: Breach[]; failed: BreachLoadFailure[] };
  /** The person's ticks for each breach found, by breach id. */
  progress: Record<string, Progress>;
  /** The help-contacts region the person chose, if any (the popup's other setting). */
  region: Settings['region'];
  /**
   * The region whose help contacts the popup shows, and why: decided in the worker from the choice, the browser's
   * languages and time zone, and the first breach's country (help-region.ts), so the popup loads none of that.
   */
  regionDecision: { code: RegionCode; basis: RegionBasis };
  /**
   * Help contacts of the decided region and of the found breaches' countries (core/help-contacts.ts contactsFor):
   * the popup loads the whole table only if the person picks another region.
   */
  contacts: Record<string, RegionContacts>;
  /** The sites of the breaches found that the person muted: the popup says so and offers to unmute. */
  muted: string[];
  /** Whether alerts of sensitive breaches are stored (the card's words follow what is stored). */
  recordSensitive: boolean;
}

/** What the alerts page shows: the alerts, their breaches' details and progress, and what it needs for help. */
export interface AlertsOverview {
  alerts: Alert[];
  /** The details of the alerts' breaches that the data in use still has, read as the popup reads them. */
  breaches: Breach[];
  progress: Record<string, Progress>;
  mutedSites: string[];
  regionDecision: { code: RegionCode; basis: RegionBasis };
  dataDate: string;
  /** Stored alerts that were damaged and set aside (kept as corrupt:…, not shown): the page counts them. */
  setAside: number;
}

/** One (site, breach) the history check found, as the welcome page and the popup show it (issue #13). */
export interface HistoryFindingView {
  site: string;
  breachId: string;
  title: string;
  breachDate: string;
  /** When it became known, where not its breach date (breach-urgency.ts). */
  knownSince?: string;
  history: SiteHistory;
  verdict: HistoryVerdict;
  /** Whether an alert was stored, or why not (the same rules as a visit): listed either way. */
  alert: 'stored' | 'outside-window' | 'muted' | 'paused' | 'sensitive';
}

export interface HistoryScanResult {
  checkedAt: number;
  /** History entries (pages) read and distinct sites among them. */
  entries: number;
  hosts: number;
  /** The oldest visit the history holds (absent when it is empty). */
  historyStart?: number;
  findings: HistoryFindingView[];
}

export interface HistoryProgress {
  phase: 'idle' | 'reading' | 'checking' | 'saving' | 'done' | 'failed';
  /** Sites checked of the sites in the history. */
  checked: number;
  total: number;
}

/** The popup's line per breach: what the history says of the site (only when the person turned the check on). */
export interface SiteHistoryAnswer {
  /** The person asked for their history to be used (settings.useHistory). */
  use: boolean;
  /** The browser's `history` permission is granted. */
  granted: boolean;
  findings: HistoryFindingView[];
}

/** What the alerts page exports and imports: alerts with a marker that says what the file is. */
export const EXPORT_FORMAT = 'am-i-affected/alerts';

// Every message between the extension's pages and its service worker, declared once:
// a misspelt type or a wrong payload is a compile error.
export interface MessageMap {
  /** Looks a URL up in the data the worker badges with (bundled or downloaded), with its compact index. */
  'lookup/url': {
    /** With the page's languages and time zone: the worker decides the help region from them (help-region.ts). */
    request: { url: string; languages?: string[]; timeZone?: string };
    response: SiteLookup;
  };
  /** Stores one breach's progress (ticks, "not a customer"); answers what was stored. */
  'progress/set': { request: { breachId: string; progress: Progress }; response: Progress };
  'alerts/list': { request: Record<string, never>; response: Alert[] };
  /** The alerts page's to-do list: alerts with their breaches' details and progress (with the page's signals). */
  'alerts/overview': { request: { languages?: string[]; timeZone?: string }; response: AlertsOverview };
  'alerts/set-state': { request: { ids: string[]; state: AlertState }; response: Alert[] };
  /** The popup showed these alerts: new ones become reviewed, others keep their state. */
  'alerts/seen': { request: { ids: string[] }; response: number };
  'alerts/mark-all-reviewed': { request: Record<string, never>; response: number };
  'alerts/import': { request: { json: string }; response: { added: number; merged: number } };
  'alerts/clear': { request: Record<string, never>; response: number };
  'settings/get': { request: Record<string, never>; response: Settings };
  /** A change of some settings; `region: null` clears the region choice. */
  'settings/update': {
    request: Partial<Omit<Settings, 'region'>> & { region?: Settings['region'] | null };
    response: Settings;
  };
  'sites/mute': { request: { site: string }; response: Settings };
  'sites/unmute': { request: { site: string }; response: Settings };
  'data/status': { request: Record<string, never>; response: DataStatus };
  /** Checks for a newer breach list now (updates must be on) and answers with the status after it. */
  'data/check-now': { request: Record<string, never>; response: DataStatus };
  /**
   * Checks the browser's history for breached sites (the page has asked for the permission first) and stores an
   * alert per finding; turns settings.useHistory on. Fails with a message when the permission is missing or goes.
   */
  'history/scan': { request: Record<string, never>; response: HistoryScanResult };
  'history/progress': { request: Record<string, never>; response: HistoryProgress };
  /** What the history says of the breached site at `url` (the popup asks after its first card is shown). */
  'history/site': { request: { url: string }; response: SiteHistoryAnswer };
  /** "Stop using my history": settings.useHistory off, the permission removed, visit dates deleted from alerts. */
  'history/stop': { request: Record<string, never>; response: { forgotten: number; permissionRemoved: boolean } };
}

export type MessageType = keyof MessageMap;
export type Request<K extends MessageType> = MessageMap[K]['request'];
export type Response<K extends MessageType> = MessageMap[K]['response'];
export type Envelope = { [K in MessageType]: { type: K; payload: Request<K> } }[MessageType];

/** What the worker answers: a value, or an error message to show (never a bare rejection). */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };
