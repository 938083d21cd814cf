// Issue #22: the verdict sentence, the one urgency rule, and steps that never contradict their card.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { breachAlarm, hotlineMayHaveEnded, knownSinceOf, RECENT_YEARS } from '../../src/core/breach-urgency';
import type { Breach } from '../../src/core/dataset-schema';
import { contradictions, protectiveSteps, splitSteps, type RegionContacts } from '../../src/core/protective-steps';
import { verdictOf } from '../../src/core/verdict';
import { riskGroupOf } from '../../src/core/data-class-groups';
import { DEFAULT_SETTINGS } from '../../src/shared/storage';
import { verdictText } from '../../src/popup/BreachCard';
import { translate } from '../fixtures/translate';

const dataset = JSON.parse(readFileSync('data/generated/dataset.json', 'utf8')) as { breaches: Breach[] };
const regions = JSON.parse(readFileSync('data/generated/help-contacts.json', 'utf8')) as Record<string, RegionContacts>;
const NOW = Date.UTC(2026, 10, 25);
const byId = (id: string) => dataset.breaches.find((b) => b.id === id)!;
const breach = (over: Partial<Breach>): Breach => ({ ...byId('co-op-2025'), notExposed: [], ...over }) as Breach;
// The list follows the browser's language: jsdom's en-US adds a comma before "and", en-GB does not.
const british = (text: string) => text.replace(/, and /g, ' and ');
/** The steps of a Co-op-like breach with `over`, for a person in England and Wales, today. */
const stepsOf = (over: Partial<Breach>) => protectiveSteps(breach(over), regions['GB-EAW']!, undefined, undefined, NOW);
const sentence = (over: Partial<Breach>) => british(verdictText(breach(over), translate, NOW));

describe('the verdict sentence', () => {
  it.each([
    ['credentials', ['Passwords', 'Email addresses'], 'Your password and email address were taken.'],
    ['payment', ['Credit cards'], 'Your card details were taken.'],
    ['identity', ['Names', 'Physical addresses', 'Dates of birth'], 'Your date of birth, name and address were taken.'],
    ['contact, one noun', ['Email addresses'], 'Your email address was taken.'],
    ['a plural noun alone', ['Photos'], 'Your photos were taken.'],
    ['the kind of payment, not a payment record', ['Payment methods'], 'Your payment method was taken.'],
    ['contact details the company did not itemise', ['Contact details'], 'Your contact details were taken.'],
    ['classes with no short name', ['Website activity', 'Bios'], '2 kinds of data were taken: see what below.'],
    [
      'health information named before contact details',
      ['Names', 'Physical addresses', 'Genders', 'Dates of birth', 'Government issued IDs', 'Personal health data'],
      'Your date of birth, ID numbers, health information, name, address and 1 other kind of data were taken.',
    ],
    [
      'one more kind than five',
      ['Passwords', 'Credit cards', 'Names', 'Physical addresses', 'Phone numbers', 'Genders'],
      'Your password, card details, name, address, phone number and 1 other kind of data were taken.',
    ],
    [
      'more than five kinds',
      ['Passwords', 'Credit cards', 'Names', 'Physical addresses', 'Phone numbers', 'Genders', 'Website activity'],
      'Your password, card details, name, address, phone number and 2 other kinds of data were taken.',
    ],
    ['nothing listed', [], 'The company has not said what was taken.'],
  ])('%s', (_name, dataClasses, taken) => {
    expect(sentence({ dataClasses: dataClasses as string[] })).toBe(
      `${taken} The company has not said that any of your data was safe.`,
    );
  });

  it('treats contact details the company did not itemise as contact data: the phishing step and its chip group', () => {
    const phishing = (dataClasses: string[]) =>
      stepsOf({ dataClasses, notExposed: [] }).find((s) => s.id === 'phishing')?.because ?? [];
    expect(phishing(['Contact details', 'Website activity'])).toEqual(['Contact details']);
    expect(phishing(['Website activity'])).toEqual([]);
    expect(riskGroupOf('Contact details')).toBe('contact');
  });

  it('says what the company said was not taken, and a taken noun is never also "not taken"', () => {
    expect(
      sentence({ dataClasses: ['Names', 'Physical addresses'], notExposed: ['Passwords', 'Bank account numbers'] }),
    ).toBe('Your name and address were taken. Your password and bank details were not.');
    // M&S: partial card numbers taken, card details not.
    const ms = byId('marks-and-spencer-2025');
    const v = verdictOf(ms);
    expect(v.taken).toContain('CardDigits');
    expect(v.notTaken).toContain('CardDetails');
    expect(verdictText(ms, translate, NOW)).toContain('card details');
  });

  it('says "may include" where the company listed what it holds, and calls an old breach old', () => {
    expect(sentence({ dataClasses: ['Names', 'Email addresses'], dataMayInclude: true })).toBe(
      'The data may include your name and email address. The company has not said that any of your data was safe.',
    );
    expect(verdictText(byId('hibp-dropbox'), translate, NOW)).toMatch(/^This breach is from 2012\. Your password/);
  });
});

describe('the urgency rule', () => {
  it('alarms for breaches made public within three years, whatever the year they happened', () => {
    expect(RECENT_YEARS).toBe(3);
    expect(breachAlarm(byId('co-op-2025'), NOW)).toBe('recent');
    expect(breachAlarm(byId('hibp-dropbox'), NOW)).toBe('old'); // 2012, listed 2016
    expect(breachAlarm(byId('debenhams-flowers-2017'), NOW)).toBe('old');
    // A 2015 breach first made public in 2025 is news now.
    expect(breachAlarm({ breachDate: '2015-03', addedDate: '2025-06-01' }, NOW)).toBe('recent');
    expect(breachAlarm({ breachDate: '2023-11-24', disclosedDate: '2023-11-24' }, NOW)).toBe('old');
    expect(breachAlarm({ breachDate: '2023-11-25', disclosedDate: '2023-11-25' }, NOW)).toBe('recent');
    expect(knownSinceOf({ breachDate: '2012', disclosedDate: null, addedDate: '2016-08-31' })).toBe('2016-08-31');
    // The alert age setting's default follows the same rule.
    expect(DEFAULT_SETTINGS.maxAgeYears).toBe(RECENT_YEARS);
  });

  it('turns an old breach\'s password and card steps into checks, and nothing of it says "now"', () => {
    const old = stepsOf({ breachDate: '2016', disclosedDate: '2016-05', dataClasses: ['Passwords', 'Credit cards'] });
    expect(old.find((s) => s.urgency === 'now')).toBeUndefined();
    expect(old.find((s) => s.id === 'change-password')!.since).toBe('2016');
    expect(old.find((s) => s.id === 'new-card')!.since).toBe('2016');
    expect(old.find((s) => s.id === 'call-bank')).toBeUndefined();
    const recent = stepsOf({
      breachDate: '2026-01',
      disclosedDate: '2026-02',
      dataClasses: ['Passwords', 'Credit cards'],
    });
    expect(recent.filter((s) => s.urgency === 'now').map((s) => s.id)).toEqual([
      'change-password',
      'call-bank',
      'new-card',
    ]);
  });

  it('says what the company already did instead of asking again', () => {
    const steps = stepsOf({
      breachDate: '2026-01',
      disclosedDate: '2026-02',
      dataClasses: ['Passwords', 'Credit cards'],
      companyDid: ['reissued-cards', 'reset-passwords'],
    });
    expect(steps.find((s) => s.id === 'call-bank')).toBeUndefined();
    expect(steps.find((s) => s.id === 'new-card')).toMatchObject({ companyDid: 'reissued-cards', urgency: 'soon' });
    expect(steps.find((s) => s.id === 'change-password')).toMatchObject({
      companyDid: 'reset-passwords',
      urgency: 'soon',
    });
  });

  it('dates a company hotline and says it may have stopped once it is over two years old', () => {
    const hotline = { phone: '0333 003 7068', label: 'Helpline' };
    const old = stepsOf({ breachDate: '2017-02', disclosedDate: '2017-05-05', hotline });
    expect(old.find((s) => s.id === 'company-hotline')).toMatchObject({ mayHaveEnded: '2017', urgency: 'ongoing' });
    expect(hotlineMayHaveEnded({ breachDate: '2025-04', disclosedDate: '2025-05-01' }, NOW)).toBe(false);
    const fresh = stepsOf({ breachDate: '2026-06', disclosedDate: '2026-07-01', hotline });
    expect(fresh.find((s) => s.id === 'company-hotline')).toMatchObject({ urgency: 'now' });
    expect(fresh.find((s) => s.id === 'company-hotline')!.mayHaveEnded).toBeUndefined();
  });

  it("ages a company's offer like its hotline, and closes one whose last day has passed", () => {
    const offer = { text: 'Two years of credit monitoring' };
    const offerOf = (over: Partial<Breach>) => stepsOf(over).find((s) => s.id === 'company-offer')!;
    // TD Bank's 2012 offer had no last day: fourteen years on it is something to ask about, not a task for now.
    expect(offerOf({ breachDate: '2012-03', disclosedDate: '2012-10', offer })).toMatchObject({
      mayHaveEnded: '2012',
      urgency: 'ongoing',
    });
    const fresh = offerOf({ breachDate: '2026-06', disclosedDate: '2026-07-01', offer });
    expect(fresh).toMatchObject({ urgency: 'soon' });
    expect(fresh.mayHaveEnded).toBeUndefined();
    // A recent breach whose offer closed: its deadline decides, at the deadline's own precision.
    const closing = (deadline: string) =>
      offerOf({ breachDate: '2026-06', disclosedDate: '2026-07-01', offer: { ...offer, deadline } });
    expect(closing('2026-09-30')).toMatchObject({ urgency: 'ongoing', mayHaveEnded: '2026' });
    expect(closing(new Date(NOW).toISOString().slice(0, 7)).mayHaveEnded).toBeUndefined();
    expect(closing('2027-01')).toMatchObject({ urgency: 'soon' });
  });

  it('keeps reporting fraud and complaining as advice: no box, not counted', () => {
    const { tasks, advice } = splitSteps(
      protectiveSteps(byId('co-op-2025'), regions['GB-EAW']!, undefined, undefined, NOW),
    );
    expect(advice.map((s) => s.id)).toEqual(['report-fraud', 'complain-regulator']);
    expect(tasks.every((s) => s.kind === 'task')).toBe(true);
  });
});

describe('steps never contradict their card', () => {
  it('M&S: masked card digits with card details said safe give a scam-call warning, not "check your statements"', () => {
    const ids = protectiveSteps(byId('marks-and-spencer-2025'), regions['GB-EAW']!, undefined, undefined, NOW).map(
      (s) => s.id,
    );
    expect(ids).toContain('card-scam-calls');
    expect(ids).not.toContain('watch-statements');
    expect(ids).not.toContain('call-bank');
  });

  it('finds the contradiction it is looking for (the walk below can fail)', () => {
    const ms = byId('marks-and-spencer-2025');
    const wrong = [
      {
        id: 'watch-statements' as const,
        urgency: 'soon' as const,
        kind: 'task' as const,
        because: ['Partial credit card data'],
      },
    ];
    expect(contradictions(ms, wrong)).toEqual(['watch-statements asks about cards, but card details were not taken']);
    expect(
      contradictions({ dataClasses: [], notExposed: ['Passwords'] }, [
        { id: 'change-password', urgency: 'now', kind: 'task', because: ['Passwords'] },
      ]),
    ).toEqual(['change-password rests on Passwords, said not taken']);
  });

  it('walks every bundled breach in every region: no step rests on data said not taken', () => {
    const found: string[] = [];
    for (const b of dataset.breaches)
      for (const region of Object.values(regions))
        for (const c of contradictions(b, protectiveSteps(b, region, undefined, undefined, NOW)))
          found.push(`${b.id}: ${c}`);
    expect(found).toEqual([]);
    expect(dataset.breaches.filter((b) => b.notExposed.length > 0).length).toBeGreaterThan(50);
  });
});
