// @vitest-environment jsdom
// Issue #19's new fields on the one breach card: who was affected (scope), what the company offered (a step of
// its own), its own notice first among the sources, "may include" where it listed what it holds, and HIBP's
// credit. Rendered from the bundled data, so a test fails if the data or the card loses them.
import { cleanup, render, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import regions from '../../data/help/regions.json';
import type { Breach, Dataset } from '../../src/core/dataset-schema';
import { formatPartialDate } from '../../src/core/format-date';
import { PopupApp } from '../../src/popup/PopupApp';
import { createStore } from '../../src/shared/storage';
import { bundledDataset } from '../fixtures/bundled-dataset';
import { memoryArea } from '../fixtures/memory-storage';
import { translate as t } from '../fixtures/translate';
import { openFolds } from '../fixtures/open-folds';

let dataset: Dataset;
beforeAll(() => {
  dataset = bundledDataset();
});
afterEach(cleanup);

function card(breach: Breach) {
  render(
    <PopupApp
      result={{ status: 'ok', host: `www.${breach.domains[0]}`, breaches: [breach] }}
      dataset={dataset}
      region={regions.regions['GB-EAW']}
      store={createStore(memoryArea(), { warn: () => undefined })}
      t={t}
    />,
  );
  // The whole card, its folds opened (their content is built on the first opening).
  const article = document.querySelector<HTMLElement>(`article[data-breach-id="${breach.id}"]`)!;
  openFolds(article);
  return within(article);
}
const first = (test: (b: Breach) => boolean) => {
  const found = dataset.breaches.find(test);
  if (!found) throw new Error('no breach in the data has these fields');
  return found;
};

describe('breach card: fields from curated disclosures', () => {
  it('shows who was affected next to the count', () => {
    const b = first((x) => Boolean(x.scope));
    expect(card(b).getByTestId('scope').textContent).toBe(b.scope);
  });

  it("makes the company's offer a step of its own, with its deadline or its link", () => {
    const dated = first((x) => Boolean(x.offer?.deadline));
    const offer = card(dated).getByTestId('offer');
    expect(offer.textContent).toContain(dated.offer!.text);
    expect(offer.textContent).toContain(formatPartialDate(dated.offer!.deadline!));
    expect(offer.closest('[data-step]')!.getAttribute('data-step')).toBe('company-offer');
    cleanup();
    const linked = first((x) => Boolean(x.offer?.url));
    expect(card(linked).getByTestId('offer').querySelector('a')!.getAttribute('href')).toBe(linked.offer!.url);
  });

  it('has no offer step where the company offered nothing known', () => {
    const b = first((x) => x.origin === 'curated' && !x.offer);
    expect(card(b).queryByTestId('offer')).toBeNull();
  });

  it("lists the company's own notice first among the sources", () => {
    const b = first((x) => x.origin === 'curated' && Boolean(x.noticeUrl));
    const items = card(b)
      .getAllByRole('listitem')
      .filter((li) => li.closest('ul.sources'));
    expect(items[0]!.getAttribute('data-testid')).toBe('notice');
    expect(items[0]!.querySelector('a')!.getAttribute('href')).toBe(b.noticeUrl);
  });

  it("shows HIBP's DisclosureUrl as the notice and its Attribution", () => {
    const b = first((x) => x.origin === 'hibp' && Boolean(x.noticeUrl) && Boolean(x.attribution));
    const c = card(b);
    expect(c.getByTestId('notice').querySelector('a')!.getAttribute('href')).toBe(b.noticeUrl);
    expect(c.getByText(`Have I Been Pwned credits: ${b.attribution}`)).toBeTruthy();
  });

  it('says "may include" where the company listed what it holds, and "exposed" otherwise', () => {
    const may = first((x) => x.dataMayInclude === true);
    const c = card(may);
    expect(c.getByTestId('may-include')).toBeTruthy();
    expect(c.getByText('What of yours the data may include')).toBeTruthy();
    cleanup();
    const taken = first((x) => x.origin === 'curated' && !x.dataMayInclude);
    expect(card(taken).queryByTestId('may-include')).toBeNull();
  });
});
