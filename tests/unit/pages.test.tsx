// @vitest-environment jsdom
import type { BrowserRegionSignals } from '../../src/core/help-region';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import summaryJson from '../../data/generated/dataset-summary.json';
import type { DatasetSummary } from '../../src/core/assemble-dataset';
import { bundledData } from '../../src/background/data-updates';
import { alertsOverview } from '../../src/background/site-lookup';
import { BREACH_DETAILS_DIR, breachDetailsFile, type DetailReaders } from '../../src/core/breach-details';
import { compactBreachIndex } from '../../src/core/breach-index';
import { compactIndexFromBase64 } from '../../src/core/compact-index';
import { GENERATED_DIR } from '../../scripts/lib/dataset-files';
import type { RegionContacts } from '../../src/core/protective-steps';
import type { Alert } from '../../src/core/alert-bookkeeping';
import { createHandlers, route } from '../../src/background/message-router';
import { BUNDLED_STATUS, fixedDataUpdates } from '../fixtures/data-status';
import type { DataStatus } from '../../src/shared/messages';
import { AlertsApp } from '../../src/alerts/AlertsApp';
import { AlertRow } from '../../src/alerts/AlertRow';
import { Timeline } from '../../src/alerts/Timeline';
import type { AlertTodo } from '../../src/core/alert-todo';
import type { Breach } from '../../src/core/dataset-schema';
import { OptionsApp } from '../../src/options/OptionsApp';
import { WelcomeApp } from '../../src/welcome/WelcomeApp';
import type { send as sendMessage } from '../../src/shared/send-message';
import { createStore } from '../../src/shared/storage';
import { translate as t } from '../fixtures/translate';
import { memoryArea } from '../fixtures/memory-storage';

afterEach(cleanup);

const summary = summaryJson as DatasetSummary;
const bundled = bundledData(
  summary,
  compactBreachIndex(summary.breaches, compactIndexFromBase64(summary.compactIndex), summary.publicSuffixes),
);
const regions = JSON.parse(readFileSync(join(GENERATED_DIR, 'help-contacts.json'), 'utf8')) as Record<
  string,
  RegionContacts
>;
const NOW = Date.UTC(2026, 10, 25);
const readers: DetailReaders = {
  readBundled: async (id) =>
    JSON.parse(readFileSync(join(GENERATED_DIR, BREACH_DETAILS_DIR, breachDetailsFile(id)), 'utf8')),
  readDownloaded: async () => undefined,
};

/** The pages' `send`, answered by the worker's real handlers over an in-memory storage. */
function backend(initial: Record<string, unknown> = {}, data = fixedDataUpdates()) {
  const area = memoryArea(initial);
  const store = createStore(area, { warn: () => undefined });
  // The alerts page's overview, as the worker makes it: the bundled data, each breach read from its own file.
  const overview = async (signals: BrowserRegionSignals) =>
    alertsOverview(
      bundled,
      await store.listAlertsChecked(),
      readers,
      (id) => store.getProgress(id),
      await store.getSettings(),
      signals,
    );
  const handlers = createHandlers({ store, rebadgeAll: async () => undefined, ...data, overview });
  const send = (async (type: string, payload: unknown) => {
    const reply = await route(handlers, { type, payload });
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  }) as typeof sendMessage;
  return { area, store, send };
}
const T0 = Date.UTC(2026, 10, 1);
const a = (site: string, breachId: string, over: Partial<Alert> = {}): Alert => ({
  id: `${site}|${breachId}`,
  site,
  breachId,
  title: `${site} breach`,
  firstSeen: T0,
  lastSeen: T0,
  visits: 1,
  state: 'new',
  ...over,
});
const seed = (...alerts: Alert[]) => Object.fromEntries(alerts.map((x) => [`alert:${x.id}`, x]));
const rows = () => [...document.querySelectorAll<HTMLElement>('[data-alert-id]')].map((r) => r.dataset.alertId);

describe('alerts page', () => {
  it('explains what will appear when there are no alerts', async () => {
    const { send } = backend();
    render(<AlertsApp send={send} t={t} popupUrl={(s) => s} />);
    await waitFor(() => expect(screen.getByTestId('empty').textContent).toContain('When you visit a site'));
  });

  it('lists alerts newest first, filters and searches them', async () => {
    const { send } = backend(
      seed(
        a('coop.co.uk', 'co-op-2025', { lastSeen: T0 + 3 }),
        a('marksandspencer.com', 'marks-and-spencer-2025', { lastSeen: T0 + 2, state: 'reviewed' }),
        a('debenhamsflowers.com', 'debenhams-flowers-2017', { lastSeen: T0 + 1, state: 'dismissed' }),
      ),
    );
    render(<AlertsApp send={send} t={t} popupUrl={(s) => `popup?${s}`} />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()).toEqual([
      'coop.co.uk|co-op-2025',
      'marksandspencer.com|marks-and-spencer-2025',
      'debenhamsflowers.com|debenhams-flowers-2017',
    ]);
    fireEvent.click(screen.getByLabelText('New'));
    await waitFor(() => expect(rows()).toEqual(['coop.co.uk|co-op-2025']));
    fireEvent.click(screen.getByLabelText('Dismissed'));
    await waitFor(() => expect(rows()).toEqual(['debenhams-flowers-2017'].map((b) => `debenhamsflowers.com|${b}`)));
    fireEvent.click(screen.getByLabelText('All'));
    fireEvent.input(screen.getByPlaceholderText('Search by site or company'), { target: { value: 'marks' } });
    await waitFor(() => expect(rows()).toEqual(['marksandspencer.com|marks-and-spencer-2025']));
    // A breach the data has opens in place; one it no longer has links to the popup.
    expect(screen.getByTestId('details-toggle').getAttribute('aria-expanded')).toBe('false');
  });

  it('is a to-do list: what needs action first, a summary, progress, and the breach card in place', async () => {
    const { send, area } = backend(
      seed(
        a('coop.co.uk', 'co-op-2025', { lastSeen: T0 + 3 }),
        a('dropbox.com', 'dropbox-sign-2024', { lastSeen: T0 + 1 }),
        a('debenhamsflowers.com', 'debenhams-flowers-2017', { lastSeen: T0 + 2, state: 'reviewed' }),
        a('gone.example', 'not-in-the-data', { lastSeen: T0 + 4 }),
      ),
    );
    render(<AlertsApp send={send} t={t} popupUrl={(s) => `popup?${s}`} regions={regions} now={() => NOW} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    // Dropbox Sign's passwords were taken in a recent breach: it needs action, and comes first.
    expect(rows()[0]).toBe('dropbox.com|dropbox-sign-2024');
    expect(screen.getByTestId('summary').textContent).toContain(
      '1 breach needs action now: Dropbox, Inc. (password, login tokens).',
    );
    expect(screen.getByTestId('summary').textContent).toContain('Breached sites you use: 4.');
    // The timeline: one focusable, labelled row per breach the data has, in the list's order.
    const timeline = [...screen.getByTestId('timeline').querySelectorAll('g[tabindex="0"]')];
    expect(timeline.map((g) => g.getAttribute('aria-label')!.split(':')[0])).toEqual([
      'dropbox.com',
      'coop.co.uk',
      'debenhamsflowers.com',
    ]);
    expect(timeline[2]!.getAttribute('aria-label')).toMatch(
      /^debenhamsflowers\.com: breached 24 Feb 2017, known since 5 May 2017, your first visit recorded 2026-11-01$/,
    );
    const row = document.querySelector('[data-alert-id="dropbox.com|dropbox-sign-2024"]')!;
    expect(row.querySelector('[data-testid="needs-action"]')).not.toBeNull();
    const progress = () => row.querySelector('[data-testid="progress"]')!.textContent!;
    expect(progress()).toMatch(/^0 of \d+ steps done$/);
    // The card opens in place; a tick there is the popup's tick (the same stored progress).
    fireEvent.click(within(row as HTMLElement).getByTestId('details-toggle'));
    const card = await within(row as HTMLElement).findByTestId('alert-card');
    fireEvent.click(card.querySelector<HTMLInputElement>('[data-step="change-password"] input')!);
    await waitFor(() => expect(area.data['progress:dropbox-sign-2024']).toMatchObject({ ticked: ['change-password'] }));
    await waitFor(() => expect(progress()).toMatch(/^1 of \d+ steps done$/));
    // The breach the data no longer has still lists, with a link instead of a card.
    const gone = document.querySelector('[data-alert-id="gone.example|not-in-the-data"]')!;
    expect(gone.querySelector('a')?.getAttribute('href')).toBe('popup?gone.example');
    fireEvent.click(screen.getByLabelText('Needs action'));
    await waitFor(() => expect(rows()).toEqual(['dropbox.com|dropbox-sign-2024']));
  });

  it('counts damaged stored alerts it cannot show, and keeps them aside', async () => {
    const { send, area } = backend({
      ...seed(a('coop.co.uk', 'co-op-2025')),
      'alert:bad|y': { id: 'bad|y', visits: 'x' },
    });
    render(<AlertsApp send={send} t={t} popupUrl={(s) => s} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    await waitFor(() =>
      expect(screen.getByTestId('set-aside').textContent).toBe(
        '1 damaged stored alert(s) could not be read and are not shown (kept aside, not deleted).',
      ),
    );
    expect(Object.keys(area.data)).toContain('corrupt:alert:bad|y');
  });

  it('shows a long history a page at a time', async () => {
    const many = Array.from({ length: 120 }, (_, i) => a(`s${i}.example`, `b${i}`, { lastSeen: T0 + i }));
    const { send } = backend(seed(...many));
    render(<AlertsApp send={send} t={t} popupUrl={(s) => s} />);
    await waitFor(() => expect(rows()).toHaveLength(50));
    expect(screen.getByTestId('show-more').textContent).toBe('Show 50 more (70 not shown)');
    fireEvent.click(screen.getByTestId('show-more'));
    await waitFor(() => expect(rows()).toHaveLength(100));
    expect(screen.getByText('120 of 120 alerts', { exact: false })).toBeTruthy();
  });

  it('marks reviewed, done and dismissed through the worker, and mutes a site', async () => {
    const { send, store } = backend(seed(a('coop.co.uk', 'co-op-2025')));
    render(<AlertsApp send={send} t={t} popupUrl={(s) => s} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Mark reviewed' }));
    await waitFor(async () => expect((await store.listAlerts())[0]!.state).toBe('reviewed'));
    fireEvent.click(await screen.findByRole('button', { name: 'Mark done' }));
    await waitFor(async () => expect((await store.listAlerts())[0]!.state).toBe('done'));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(async () => expect((await store.listAlerts())[0]!.state).toBe('dismissed'));
    fireEvent.click(screen.getByRole('button', { name: 'Mute coop.co.uk' }));
    await waitFor(async () => expect((await store.getSettings()).mutedSites).toEqual(['coop.co.uk']));
  });

  it('marks all reviewed in one go', async () => {
    const { send, store } = backend(seed(a('a.example', 'x'), a('b.example', 'y', { state: 'done' })));
    render(<AlertsApp send={send} t={t} popupUrl={(s) => s} />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Mark all reviewed' }));
    await waitFor(async () =>
      expect((await store.listAlerts()).map((x) => x.state).sort()).toEqual(['done', 'reviewed']),
    );
  });

  it('clears only after confirmation, and exports JSON and CSV', async () => {
    const { send, store } = backend({
      ...seed(a('a.example', 'x'), a('coop.co.uk', 'co-op-2025', { lastSeen: T0 - 1 })),
      'progress:co-op-2025': { ticked: ['phishing'], notCustomer: false },
    });
    const files: { name: string; text: string }[] = [];
    let answer = false;
    render(
      <AlertsApp
        send={send}
        t={t}
        popupUrl={(s) => s}
        confirm={() => answer}
        download={(name, _type, text) => void files.push({ name, text })}
        regions={regions}
        now={() => NOW}
      />,
    );
    await waitFor(() => expect(rows()).toHaveLength(2));
    await waitFor(() => expect(screen.getAllByTestId('progress')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    const json = JSON.parse(files[0]!.text);
    expect(json.alerts).toHaveLength(2);
    expect(json.progress).toEqual({ 'co-op-2025': { ticked: ['phishing'], notCustomer: false } });
    // The steps done, of how many, and whether it needs action: blank where the breach is not in the data.
    const csv = files[1]!.text.split('\r\n');
    expect(csv[0]).toBe('site,breachId,title,state,visits,firstSeen,lastSeen,stepsDone,steps,needsAction');
    expect(csv.find((l) => l.startsWith('a.example'))).toMatch(/^a\.example,x,a\.example breach,new,1,.*,,,$/);
    expect(csv.find((l) => l.startsWith('coop.co.uk'))).toMatch(/,1,3,no$/);
    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    expect(await store.listAlerts()).toHaveLength(2);
    answer = true;
    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    await waitFor(() => expect(screen.getByTestId('empty')).toBeTruthy());
    expect(await store.listAlerts()).toEqual([]);
  });

  it('says when an alert came from a data update rather than a visit', async () => {
    const { send } = backend(seed(a('coop.co.uk', 'hibp-coopforum', { visits: 0, reported: true })));
    render(<AlertsApp send={send} t={t} popupUrl={(s) => s} />);
    await waitFor(() => expect(screen.getByText(/A site you visited reported this breach later/)).toBeTruthy());
  });

  it('shows a sensitive alert without a title', async () => {
    const { send } = backend(seed(a('s.example', 'z', { title: undefined })));
    render(<AlertsApp send={send} t={t} popupUrl={(s) => s} />);
    await waitFor(() => expect(screen.getByText('Sensitive breach (title not kept)')).toBeTruthy());
  });
});

describe('options page', () => {
  it('saves settings, lists muted sites and unmutes them', async () => {
    const { send, store } = backend({ settings: { mutedSites: ['coop.co.uk'] } });
    render(<OptionsApp send={send} t={t} requestNotifications={async () => true} alertsUrl="alerts" />);
    await waitFor(() => expect(screen.getByTestId('muted').textContent).toContain('coop.co.uk'));
    fireEvent.click(screen.getByLabelText('Pause all new alerts'));
    await waitFor(async () => expect((await store.getSettings()).paused).toBe(true));
    fireEvent.change(screen.getByLabelText('Region for help contacts'), { target: { value: 'GB-SCT' } });
    await waitFor(async () => expect((await store.getSettings()).region).toBe('GB-SCT'));
    fireEvent.click(screen.getByRole('button', { name: 'Unmute coop.co.uk' }));
    await waitFor(() => expect(screen.getByText('No muted sites.')).toBeTruthy());
    expect(screen.getByTestId('dataset').textContent).toBe(
      '856 breaches on 848 domains, newest from 14 Oct 2025: 43 curated from company statements, regulators and news, 813 from Have I Been Pwned.',
    );
  });

  it('turns notifications on only when the browser allows them', async () => {
    const { send, store } = backend();
    let allow = false;
    render(<OptionsApp send={send} t={t} requestNotifications={async () => allow} alertsUrl="alerts" />);
    const box = await screen.findByLabelText(/Show a system notification/);
    fireEvent.click(box);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toContain('not allowed'));
    expect((await store.getSettings()).notifications).toBe(false);
    allow = true;
    fireEvent.click(box);
    await waitFor(async () => expect((await store.getSettings()).notifications).toBe(true));
  });
});

describe('options page: breach data and its updates', () => {
  const at = (h: number) => Date.UTC(2026, 10, 23, h);
  /** A worker whose data status follows the stored settings, and whose "check now" gives `afterCheck`. */
  function updatesBackend(afterCheck: Partial<DataStatus>) {
    let status: DataStatus = {
      ...BUNDLED_STATUS,
      source: 'updated',
      fetchedAt: at(8),
      dataDate: '2026-11-20',
      state: {
        failures: 1,
        lastCheck: at(9),
        lastOutcome: 'rejected',
        lastError: { at: at(9), reason: 'suspicious: 81 breaches where 813 were known (fewer than 50%)' },
        nextCheck: at(10),
      },
    };
    const checks: number[] = [];
    const b = backend(
      {},
      {
        dataStatus: async () => ({ ...status, updatesOn: (await b.store.getSettings()).updates }),
        checkNow: async () => {
          checks.push(1);
          status = { ...status, ...afterCheck };
          return { ...status, updatesOn: true };
        },
        lookup: fixedDataUpdates().lookup,
        settingsChanged: async () => undefined,
      },
    );
    return { ...b, checks };
  }

  it('shows the data in use, the last good update, the last check and its reason', async () => {
    const { send } = updatesBackend({});
    render(<OptionsApp send={send} t={t} requestNotifications={async () => true} alertsUrl="alerts" />);
    const source = await screen.findByTestId('data-source');
    const when = (h: number) => new Date(at(h)).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    expect(source.textContent).toBe(
      `In use: data downloaded ${when(8)} (the last good update), with breaches up to 20 Nov 2026.`,
    );
    expect(screen.getByTestId('last-check').textContent).toBe(
      `Last check: ${when(9)} — the download was refused, so the previous data stays in use.`,
    );
    expect(screen.getByTestId('last-error').textContent).toBe(
      `Last problem (${when(9)}): suspicious: 81 breaches where 813 were known (fewer than 50%)`,
    );
    expect(screen.getByTestId('next-check').textContent).toContain(when(10));
  });

  it('checks now on request and shows the outcome', async () => {
    const { send, checks } = updatesBackend({ state: { failures: 0, lastCheck: at(11), lastOutcome: 'unchanged' } });
    render(<OptionsApp send={send} t={t} requestNotifications={async () => true} alertsUrl="alerts" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(screen.getByTestId('last-check').textContent).toContain('no newer data'));
    expect(checks).toHaveLength(1);
    expect(screen.queryByTestId('last-error')).toBeNull();
  });

  it('offers to ask for access to haveibeenpwned.com again when it was withdrawn, then checks', async () => {
    const { send, checks } = updatesBackend({ hostPermission: true });
    const original = send;
    const withdrawn = (async (type: string, payload: never) => {
      const value = await original(type as 'data/status', payload);
      return type === 'data/status' ? { ...(value as DataStatus), hostPermission: false } : value;
    }) as typeof send;
    let asked = 0;
    render(
      <OptionsApp
        send={withdrawn}
        t={t}
        requestNotifications={async () => true}
        requestHostPermission={async () => ++asked > 0}
        alertsUrl="alerts"
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Allow access to haveibeenpwned.com' }));
    await waitFor(() => expect(checks).toHaveLength(1));
    expect(asked).toBe(1);
    await waitFor(() => expect(screen.queryByTestId('no-host-permission')).toBeNull());
  });

  it('switches updates off and on: off disables "check now" and says what that means', async () => {
    const { send, store, checks } = updatesBackend({});
    render(<OptionsApp send={send} t={t} requestNotifications={async () => true} alertsUrl="alerts" />);
    const box = await screen.findByLabelText(/Download the latest breach list/);
    expect((box as HTMLInputElement).checked).toBe(true);
    fireEvent.click(box);
    await waitFor(() => expect(screen.getByTestId('updates-off').textContent).toContain('Updates are off'));
    expect((await store.getSettings()).updates).toBe(false);
    expect((screen.getByRole('button', { name: 'Check now' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(box);
    await waitFor(() => expect(checks).toHaveLength(1));
    expect((await store.getSettings()).updates).toBe(true);
    await waitFor(() => expect(screen.queryByTestId('updates-off')).toBeNull());
  });
});

describe('welcome page: the history check', () => {
  it('says so and reads nothing when the browser refuses the permission', async () => {
    const { send, store } = backend();
    const sent: string[] = [];
    const watching = (async (type: string, payload: unknown) => {
      sent.push(type);
      return (send as (t: string, p: unknown) => Promise<unknown>)(type, payload);
    }) as typeof sendMessage;
    let asked = 0;
    render(
      <WelcomeApp
        send={watching}
        t={t}
        requestHistory={async () => (asked++, false)}
        hasHistory={async () => false}
        alertsUrl="alerts"
        optionsUrl="options"
      />,
    );
    fireEvent.click(await screen.findByTestId('history-check'));
    await screen.findByText('The browser did not give permission to read your history, so nothing was read.');
    expect(asked).toBe(1);
    expect(sent.filter((s) => s.startsWith('history/'))).toEqual([]);
    expect((await store.getSettings()).useHistory).toBe(false);
    expect(await store.listAlerts()).toEqual([]);
  });

  it('changes the two settings it asks to confirm, through the worker', async () => {
    const { send, store } = backend();
    render(
      <WelcomeApp
        send={send}
        t={t}
        requestHistory={async () => false}
        hasHistory={async () => false}
        alertsUrl="alerts"
        optionsUrl="options"
      />,
    );
    fireEvent.click(await screen.findByLabelText(/once a day/));
    await waitFor(async () => expect((await store.getSettings()).updates).toBe(false));
    fireEvent.change(screen.getByLabelText(/Help contacts/), { target: { value: 'GB-SCT' } });
    await waitFor(async () => expect((await store.getSettings()).region).toBe('GB-SCT'));
  });
});

describe('the year after an alert title', () => {
  const title = (breach: Partial<Breach> | undefined, breachDate: string) => {
    const alert = a('site.example', 'some-breach', { breachDate });
    const todo = breach && ({ alert, breach: breach as Breach, alarm: 'old' } as AlertTodo);
    render(<AlertRow alert={alert} detailsUrl="popup" onState={() => {}} onMute={() => {}} todo={todo} t={t} />);
    const text = document.querySelector('.alert-title')!.textContent;
    cleanup();
    return text;
  };

  it("is the breach's year, or, for a breach no source dates, the year it was made public", () => {
    expect(title({ breachDate: '2017-02-24', disclosedDate: '2019-05-05' }, '2017-02-24')).toBe(
      'site.example breach (2017)',
    );
    // The stored date of an undated breach is the day it was found: not given as the breach's year.
    const undated = { breachDate: '2019-10-28', disclosedDate: '2020-02', breachDateUnknown: true };
    expect(title(undated, '2019-10-28')).toBe('site.example breach (made public 2020)');
    // A breach the data no longer has: the stored year, as before.
    expect(title(undefined, '2019-10-28')).toBe('site.example breach (2019)');
  });
});

describe('the timeline of a breach no source dates', () => {
  it('draws only when it was made public, and its label says the date of the breach was not given', () => {
    const todo = (id: string, breach: Partial<Breach>) =>
      ({ alert: a(`${id}.example`, id), breach: breach as Breach, alarm: 'old' }) as AlertTodo;
    render(
      <Timeline
        todos={[
          todo('dated', { breachDate: '2017-02-24', disclosedDate: '2017-05-05' }),
          todo('undated', { breachDate: '2019-10-28', disclosedDate: '2019-10-28', breachDateUnknown: true }),
        ]}
        now={NOW}
        t={t}
      />,
    );
    const [dated, undated] = [...screen.getByTestId('timeline').querySelectorAll('g[tabindex="0"]')];
    expect(dated!.getAttribute('aria-label')).toMatch(/^dated\.example: breached 24 Feb 2017, known since 5 May 2017,/);
    expect(dated!.querySelector('.timeline-breach')).not.toBeNull();
    expect(undated!.getAttribute('aria-label')).toMatch(
      /^undated\.example: date of the breach not given, known since 28 Oct 2019, your first visit recorded 2026-11-01$/,
    );
    expect(undated!.querySelector('.timeline-breach')).toBeNull();
    expect(undated!.querySelector('.timeline-known')).not.toBeNull();
  });
});
