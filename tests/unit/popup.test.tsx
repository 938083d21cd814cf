// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import regions from '../../data/help/regions.json';
import { buildBreachIndex, lookupUrl } from '../../src/core/breach-index';
import { formatPartialDate } from '../../src/core/format-date';
import type { Breach, Dataset } from '../../src/core/dataset-schema';
import { PopupApp } from '../../src/popup/PopupApp';
import { sanitiseDescription } from '../../src/popup/sanitise-description';
import { createStore } from '../../src/shared/storage';
import { translate as t } from '../fixtures/translate';
import { bundledDataset } from '../fixtures/bundled-dataset';
import { memoryArea } from '../fixtures/memory-storage';
import { openFolds } from '../fixtures/open-folds';
import { protectiveSteps } from '../../src/core/protective-steps';

// The real protectiveSteps, watched: which breaches' steps the popup works out, and when.
vi.mock('../../src/core/protective-steps', async (actual) => {
  const real = await actual<typeof import('../../src/core/protective-steps')>();
  return { ...real, protectiveSteps: vi.fn(real.protectiveSteps) };
});

let dataset: Dataset;
beforeAll(() => {
  dataset = bundledDataset();
});
afterEach(cleanup);

function renderPopup(url: string, breaches?: Breach[], area = memoryArea()) {
  const index = buildBreachIndex(breaches ?? dataset.breaches, dataset.publicSuffixes);
  const store = createStore(area, { warn: () => undefined });
  render(
    <PopupApp
      result={lookupUrl(index, url)}
      dataset={dataset}
      region={regions.regions['GB-EAW']}
      store={store}
      t={t}
    />,
  );
  return { area };
}
const card = (id: string) => document.querySelector<HTMLElement>(`article[data-breach-id="${id}"]`)!;

describe('popup: one breach', () => {
  it('shows Co-op: exposed and not-taken data, and the Action Fraud step', async () => {
    renderPopup('https://www.coop.co.uk/');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('1 known data breach for www.coop.co.uk');
    openFolds(card('co-op-2025'));
    const c = within(card('co-op-2025'));
    expect(c.getByText('Breached Apr 2025, disclosed 2 May 2025')).toBeTruthy();
    expect(c.getByRole('list', { name: 'Identity' }).textContent).toContain('Dates of birth');
    expect(c.getByRole('list', { name: 'Contact details' }).textContent).toContain('Names');
    expect(c.getByTestId('not-exposed').textContent).toContain('Passwords');
    const report = card('co-op-2025').querySelector('[data-step="report-fraud"]')!;
    expect(report.textContent).toContain('Action Fraud');
    expect(report.querySelector('a[href="tel:03001232040"]')?.textContent).toBe('0300 123 2040');
    // Nothing of passwords was taken, so nobody is told to change one.
    expect(card('co-op-2025').querySelector('[data-step="change-password"]')).toBeNull();
  });

  it('shows Debenhams Flowers calmly: what Debenhams already did, its old hotline, and the supplier', () => {
    renderPopup('https://www.debenhamsflowers.com/');
    const el = card('debenhams-flowers-2017');
    openFolds(el);
    const steps = [...el.querySelectorAll('[data-step]')].map((s) => s.getAttribute('data-step'));
    // A 2017 breach whose cards Debenhams had reissued and whose passwords it deleted: no "call your bank now".
    expect(steps).not.toContain('call-bank');
    expect(steps.slice(0, 2)).toEqual(['change-password', 'new-card']);
    expect(el.querySelector('[data-step="new-card"] label')!.textContent).toContain('blocked and reissued');
    expect(el.querySelector('[data-step="change-password"] label')!.textContent).toContain('reset the passwords');
    expect(el.querySelector('.urgency--now')).toBeNull();
    expect(el.getAttribute('data-alarm')).toBe('old');
    // The list follows the browser's language ("address and" in en-GB, "address, and" in jsdom's en-US). Debenhams's
    // email said the data 'may be' among that accessed or stolen, so the verdict says 'may include'.
    expect(el.querySelector('[data-testid="verdict"]')!.textContent).toMatch(
      /^This breach is from 2017\. The data may include your password, card details, name, address,? and email address\. The company has not said that any of your data was safe\.$/,
    );
    expect(el.querySelector('[data-step="company-hotline"] a[href="tel:03330037068"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="hotline-may-have-ended"]')!.textContent).toBe(
      'Set up in 2017: it may no longer run.',
    );
    expect(el.textContent).toContain('At a supplier: Ecomnova');
    expect(el.textContent).toContain('Up to 26,000 Debenhams Flowers customers');
  });

  it('says the date of the breach was not given where no source gives it, and dates an old one by its disclosure', () => {
    const coop = dataset.breaches.find((b) => b.id === 'co-op-2025')!;
    const undated = { ...coop, breachDate: '2019-10-28', disclosedDate: '2019-10-28', breachDateUnknown: true };
    renderPopup('https://www.coop.co.uk/', [undated]);
    const el = card('co-op-2025');
    expect(el.querySelector('.summary-when')!.textContent).toBe('Date of the breach not given, disclosed 28 Oct 2019');
    expect(el.querySelector('[data-testid="verdict"]')!.textContent).toMatch(
      /^This breach was made public in 2019; when it happened was not said\. /,
    );
    expect(el.textContent).not.toContain('Breached');
  });

  /** The text at `selector` in the Co-op card changed by `over`, with its folds open; the popup is removed after. */
  const coopText = (over: Partial<Breach>, selector: string) => {
    const coop = dataset.breaches.find((b) => b.id === 'co-op-2025')!;
    renderPopup('https://www.coop.co.uk/', [{ ...coop, ...over }]);
    openFolds(card('co-op-2025'));
    const text = card('co-op-2025').querySelector(selector)!.textContent;
    cleanup();
    return text;
  };

  it('asks about a card "you had on" a known day of an old breach, and "in" a month or a year', () => {
    const cardStep = (breachDate: string) =>
      coopText(
        { breachDate, disclosedDate: '2012-02', dataClasses: ['Credit cards'], notExposed: [] },
        '[data-step="new-card"] label',
      );
    expect(cardStep('2011-12-28')).toContain('If you still use a card you had on 28 Dec 2011, ask your bank');
    expect(cardStep('2011-12')).toContain('If you still use a card you had in Dec 2011, ask your bank');
    expect(cardStep('2011')).toContain('If you still use a card you had in 2011, ask your bank');
  });

  it("says an old offer may have closed, and when an offer's last day was, instead of asking to take it up", () => {
    const offerText = (over: Partial<Breach>) => coopText(over, '[data-step="company-offer"]');
    const offer = { text: 'Credit monitoring for two years' };
    expect(offerText({ breachDate: '2012-03', disclosedDate: '2012-10', offer })).toContain(
      'Offered in 2012: it may have closed, so ask the company whether it still runs.',
    );
    // On a line of its own, like a hotline's: offer texts often end without a full stop.
    expect(
      coopText({ breachDate: '2012-03', disclosedDate: '2012-10', offer }, '[data-testid="offer-may-have-ended"]'),
    ).toBe('Offered in 2012: it may have closed, so ask the company whether it still runs.');
    const closed = offerText({
      breachDate: '2012-03',
      disclosedDate: '2012-10',
      offer: { ...offer, deadline: '2013-01-31' },
    });
    expect(closed).toContain('The last day to take it up was 31 Jan 2013.');
    expect(closed).not.toContain('Take it up by');
  });

  it('dates an old undated breach by the year it was made public, not the year of its stand-in date', () => {
    const coop = dataset.breaches.find((b) => b.id === 'co-op-2025')!;
    // Found in June 2022, made public in January 2023 (as Nissan North America's 2023 entry).
    const undated = { ...coop, breachDate: '2022-06-21', disclosedDate: '2023-01-16', breachDateUnknown: true };
    renderPopup('https://www.coop.co.uk/', [undated]);
    expect(card('co-op-2025').querySelector('[data-testid="verdict"]')!.textContent).toMatch(
      /^This breach was made public in 2023; when it happened was not said\. /,
    );
  });

  it('remembers a ticked step and "not a customer" in storage', async () => {
    const { area } = renderPopup('https://www.coop.co.uk/');
    const box = card('co-op-2025').querySelector<HTMLInputElement>('[data-step="phishing"] input')!;
    fireEvent.click(box);
    await waitFor(() => expect(area.data['progress:co-op-2025']).toEqual({ ticked: ['phishing'], notCustomer: false }));
    expect(box.checked).toBe(true);
    fireEvent.click(within(card('co-op-2025')).getByLabelText('I was not a customer then'));
    await waitFor(() => expect(within(card('co-op-2025')).getByTestId('steps-hidden')).toBeTruthy());
    expect(card('co-op-2025').querySelector('[data-testid="steps"]')).toBeNull();
  });

  it('restores stored progress when it opens again', async () => {
    renderPopup(
      'https://www.coop.co.uk/',
      undefined,
      memoryArea({ 'progress:co-op-2025': { ticked: ['phishing'], notCustomer: false } }),
    );
    await waitFor(() =>
      expect(card('co-op-2025').querySelector<HTMLInputElement>('[data-step="phishing"] input')!.checked).toBe(true),
    );
    // Three tasks; reporting fraud and complaining are advice, with no box and no count.
    expect(card('co-op-2025').textContent).toContain('1 of 3 done');
    expect(card('co-op-2025').querySelectorAll('[data-testid="advice"] input')).toHaveLength(0);
  });
});

describe('popup: the first screen fits 600 px', () => {
  /** Lays every step out `bottom` px from the top (jsdom has no layout), renders Co-op, restores layout. */
  function withStepsEndingAt(bottom: number) {
    const real = Element.prototype.getBoundingClientRect;
    Element.prototype.getBoundingClientRect = function (this: Element) {
      if (!this.matches('li.step')) return real.call(this);
      return {
        x: 0,
        y: bottom - 100,
        top: bottom - 100,
        left: 0,
        right: 340,
        width: 340,
        height: 100,
        bottom,
      } as DOMRect;
    };
    try {
      renderPopup('https://www.coop.co.uk/');
    } finally {
      Element.prototype.getBoundingClientRect = real;
    }
    const first = card('co-op-2025').querySelectorAll(':scope details > section.steps > ol > li');
    const more = card('co-op-2025').querySelector('.more-steps > summary')?.textContent;
    return { first: first.length, more };
  }

  it('shows two first tasks when the second ends within the popup', () => {
    expect(withStepsEndingAt(560)).toEqual({ first: 2, more: '1 more step' });
  });

  it('folds the second task away when it would end below the popup, so the first screen still answers', () => {
    expect(withStepsEndingAt(640)).toEqual({ first: 1, more: '2 more steps' });
  });
});

describe('popup: several breaches on one site', () => {
  const base = (over: Partial<Breach>): Breach =>
    ({ ...dataset.breaches.find((b) => b.id === 'co-op-2025')!, ...over }) as Breach;
  const breaches = () => [
    base({
      id: 'old-cards',
      title: 'Old card breach',
      breachDate: '2015-01',
      disclosedDate: '2015-02',
      dataClasses: ['Credit cards'],
    }),
    base({ id: 'new-emails', title: 'New email leak', breachDate: '2025-06', dataClasses: ['Email addresses'] }),
    base({ id: 'new-passwords', title: 'Password dump', breachDate: '2025-03', dataClasses: ['Passwords'] }),
    base({ id: 'other-emails', title: 'Other email leak', breachDate: '2025-08', dataClasses: ['Email addresses'] }),
  ];

  it('lists what needs doing first (recent, then most severe, then newest) and opens only the first', () => {
    renderPopup('https://www.coop.co.uk/', breaches());
    const articles = [...document.querySelectorAll('article')];
    expect(articles.map((a) => a.dataset.breachId)).toEqual([
      'new-passwords',
      'other-emails',
      'new-emails',
      'old-cards',
    ]);
    expect(articles.map((a) => a.querySelector('details')!.open)).toEqual([true, false, false, false]);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('4 known data breaches for www.coop.co.uk');
  });

  it('builds a folded card only when it is opened: a click on its summary, or any other way of opening it', async () => {
    renderPopup('https://www.coop.co.uk/', breaches());
    const [first, second, third] = ['new-passwords', 'other-emails', 'new-emails'].map(card);
    expect(first!.querySelector('.steps')).not.toBeNull();
    // Folded: the title and the date only, no steps, chips or sources yet.
    expect(second!.querySelector('summary h3')!.textContent).toBe('Other email leak');
    expect(second!.querySelector('.verdict-sentence, .steps, .breach-more')).toBeNull();
    fireEvent.click(second!.querySelector('summary')!);
    await waitFor(() => expect(second!.querySelector('.steps')).not.toBeNull());
    expect(second!.querySelector('[data-testid="verdict"]')!.textContent).toMatch(/email/i);
    // Opened without a click (find in page opens a <details> and fires its toggle event).
    expect(third!.querySelector('.steps')).toBeNull();
    const details = third!.querySelector('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    await waitFor(() => expect(third!.querySelector('.steps')).not.toBeNull());
  });

  it("works out a folded card's steps only when it is opened", async () => {
    const worked = () => new Set(vi.mocked(protectiveSteps).mock.calls.map(([b]) => (b as Breach).id));
    vi.mocked(protectiveSteps).mockClear();
    renderPopup('https://www.coop.co.uk/', breaches());
    expect(worked()).toEqual(new Set(['new-passwords']));
    fireEvent.click(card('old-cards').querySelector('summary')!);
    await waitFor(() => expect(worked()).toEqual(new Set(['new-passwords', 'old-cards'])));
    expect(card('old-cards').querySelectorAll('.steps [data-step]').length).toBeGreaterThan(0);
  });

  it('builds the folds inside an open card (its details and sources, its further steps) only when they are opened', () => {
    renderPopup('https://www.coop.co.uk/');
    const el = card('co-op-2025');
    const more = el.querySelector<HTMLDetailsElement>('details.breach-more')!;
    const steps = el.querySelector<HTMLDetailsElement>('details.more-steps')!;
    expect(more.querySelector('summary')!.textContent).toBe('What was taken, when, and the sources');
    expect(more.querySelector('.sources, .chips, .description')).toBeNull();
    expect(steps.querySelector('[data-step]')).toBeNull();
    fireEvent.click(more.querySelector('summary')!);
    expect(more.querySelectorAll('.sources a').length).toBeGreaterThanOrEqual(2);
    expect(more.querySelector('.description')!.textContent).toContain('Co-op');
    fireEvent.click(steps.querySelector('summary')!);
    expect(steps.querySelectorAll('[data-step]').length).toBeGreaterThan(0);
    // Closed again, the content stays built: reopening costs nothing and keeps what the person had ticked.
    more.open = false;
    fireEvent(more, new Event('toggle'));
    expect(more.querySelector('.sources')).not.toBeNull();
  });
});

describe('popup: no breach and not a website', () => {
  it('says no breach is known, with the data date and size, and that absence is no guarantee', () => {
    renderPopup('https://unbreached.example.com/');
    const text = screen.getByTestId('no-breach').textContent!;
    expect(text).toContain(
      `No breach known for unbreached.example.com in our data of ${formatPartialDate(dataset.dataDate)}.`,
    );
    expect(text).toContain(`We know of ${dataset.counts.breaches.toLocaleString('en-GB')} breaches`);
    expect(text).toContain('may still have had one');
  });

  it.each([
    ['chrome://settings', 'not a website'],
    ['http://192.168.1.1/', 'IP address'],
    ['http://localhost:8080/', 'not a site of its own'],
  ])('explains %s', (url, words) => {
    renderPopup(url);
    expect(screen.getByTestId('not-applicable').textContent).toContain(words);
  });
});

describe('description markup', () => {
  it.each([
    ['<img src=x onerror="alert(1)">text', 'text'],
    ['<script>alert(1)</script>text', 'text'],
    ['<a href="javascript:alert(1)">text</a>', '<a target="_blank" rel="noopener noreferrer">text</a>'],
    ['<a href="data:text/html,x" onclick="alert(1)">text</a>', '<a target="_blank" rel="noopener noreferrer">text</a>'],
    ['<em onmouseover="alert(1)">text</em>', '<em>text</em>'],
    [
      '<a href="https://example.com/">ok</a>',
      '<a href="https://example.com/" target="_blank" rel="noopener noreferrer">ok</a>',
    ],
  ])('sanitises %s', (input, output) => {
    expect(sanitiseDescription(input)).toBe(output);
  });

  it('renders an HIBP description as sanitised markup', async () => {
    const hibp = dataset.breaches.find((b) => b.hibpName === 'Adobe')!;
    renderPopup('https://www.adobe.com/', [
      { ...hibp, descriptionHtml: `${hibp.descriptionHtml}<img src=x onerror="alert(1)"><a href="javascript:x">j</a>` },
    ]);
    openFolds(card(hibp.id));
    await waitFor(() => expect(card(hibp.id).querySelector('.description a')).not.toBeNull());
    const description = card(hibp.id).querySelector('.description')!;
    expect(description.querySelector('img')).toBeNull();
    expect(description.querySelector('a[href^="javascript"]')).toBeNull();
    expect(description.textContent).toContain('In October 2013, 153 million Adobe accounts were breached');
  });
});

describe("popup: the region's contacts come with the answer; the whole table only when another region is picked", () => {
  it('shows the decided region from the few contacts it got, and loads the table once for another', async () => {
    const index = buildBreachIndex(dataset.breaches, dataset.publicSuffixes);
    const all = regions.regions as unknown as Record<string, import('../../src/core/protective-steps').RegionContacts>;
    let loads = 0;
    const saved: string[] = [];
    render(
      <PopupApp
        result={lookupUrl(index, 'https://www.coop.co.uk/')}
        dataset={dataset}
        region={all['GB-EAW']!}
        regions={{ 'GB-EAW': all['GB-EAW']! }}
        regionDecision={{ code: 'GB-EAW', basis: 'browser' }}
        saveRegion={async (code) => void saved.push(code)}
        loadRegions={async () => (loads++, all)}
        store={createStore(memoryArea(), { warn: () => undefined })}
        t={t}
      />,
    );
    expect(document.body.textContent).toContain(all['GB-EAW']!.reportFraud.label);
    expect(loads).toBe(0);
    fireEvent.change(screen.getByTestId('region'), { target: { value: 'US' } });
    await waitFor(() => expect(document.body.textContent).toContain(all['US']!.reportFraud.label));
    expect(loads).toBe(1);
    expect(saved).toEqual(['US']);
    // Back to a region the answer had: no second load.
    fireEvent.change(screen.getByTestId('region'), { target: { value: 'GB-EAW' } });
    await waitFor(() => expect(document.body.textContent).toContain(all['GB-EAW']!.reportFraud.label));
    expect(loads).toBe(1);
  });
});
