import { describe, expect, it } from 'vitest';
import regions from '../../data/help/regions.json';
import { groupDataClasses, riskGroupOf, severityOf } from '../../src/core/data-class-groups';
import { breachSiteFor, protectiveSteps, type RegionContacts, type StepId } from '../../src/core/protective-steps';

const GB: RegionContacts = regions.regions['GB-EAW'];
const US: RegionContacts = regions.regions.US;
const ids = (dataClasses: string[], extra: Partial<Parameters<typeof protectiveSteps>[0]> = {}, region = GB) =>
  protectiveSteps({ dataClasses, domains: ['example.co.uk'], ...extra }, region).map((s) => s.id);
const ALWAYS: StepId[] = ['phishing', 'report-fraud', 'complain-regulator'];

describe('steps chosen per data class', () => {
  it.each<[string, StepId[]]>([
    ['Passwords', ['change-password', 'enable-2fa', 'password-manager']],
    ['Password hints', ['change-password', 'enable-2fa', 'password-manager']],
    ['Security questions and answers', ['change-password', 'enable-2fa', 'password-manager']],
    ['Credit cards', ['call-bank', 'new-card', 'watch-statements']],
    ['Bank account numbers', ['call-bank', 'watch-statements']],
    ['Debit cards', ['call-bank', 'new-card', 'watch-statements']],
    ['Partial credit card data', ['watch-statements']],
    ['Payment histories', ['watch-statements']],
    ['Dates of birth', ['credit-report', 'identity-theft']],
    ['Government issued IDs', ['credit-report', 'identity-theft']],
    ['Email addresses', []],
    ['Phone numbers', []],
    ['Physical addresses', []],
    ['Avatars', []],
  ])('%s → %j (plus the steps every breach gets)', (dataClass, expected) => {
    expect(
      ids([dataClass])
        .filter((s) => !ALWAYS.includes(s))
        .sort(),
    ).toEqual([...expected].sort());
    expect(ids([dataClass])).toEqual(expect.arrayContaining(ALWAYS));
  });

  it('orders steps by urgency: now, soon, from now on', () => {
    const steps = protectiveSteps(
      { dataClasses: ['Email addresses', 'Passwords', 'Credit cards'], domains: ['x.example'] },
      GB,
    );
    const rank = { now: 0, soon: 1, ongoing: 2 };
    const ranks = steps.map((s) => rank[s.urgency]);
    expect(ranks).toEqual([...ranks].sort());
    expect(steps[0]!.id).toBe('change-password');
  });

  it('names the data that calls for each step', () => {
    const steps = protectiveSteps(
      { dataClasses: ['Names', 'Email addresses', 'Passwords'], domains: ['x.example'] },
      GB,
    );
    expect(steps.find((s) => s.id === 'phishing')!.because).toEqual(['Names', 'Email addresses']);
    expect(steps.find((s) => s.id === 'report-fraud')!.because).toEqual([]);
  });
});

describe('contacts', () => {
  it('sends England and Wales to Report Fraud (formerly Action Fraud) on 0300 123 2040 and the ICO', () => {
    const steps = protectiveSteps({ dataClasses: [], domains: ['x.example'] }, GB);
    expect(steps.find((s) => s.id === 'report-fraud')!.contact).toMatchObject({
      label: 'Report Fraud (formerly Action Fraud)',
      phone: '0300 123 2040',
      url: 'https://www.reportfraud.police.uk/',
    });
    expect(steps.find((s) => s.id === 'complain-regulator')!.contact!.label).toContain('ICO');
  });

  it('sends the US to the FTC and IdentityTheft.gov', () => {
    const steps = protectiveSteps({ dataClasses: ['Dates of birth'], domains: ['x.example'] }, US);
    expect(steps.find((s) => s.id === 'report-fraud')!.contact!.url).toBe('https://reportfraud.ftc.gov/');
    expect(steps.find((s) => s.id === 'identity-theft')!.contact!.url).toBe('https://www.identitytheft.gov/');
  });

  it('adds the company hotline only when the breach has one', () => {
    expect(ids([])).not.toContain('company-hotline');
    const steps = protectiveSteps(
      { dataClasses: [], domains: ['x.example'], hotline: { phone: '0333 003 7068', label: 'Helpline' } },
      GB,
    );
    expect(steps[0]).toEqual({
      id: 'company-hotline',
      urgency: 'now',
      kind: 'task',
      because: [],
      contact: { phone: '0333 003 7068', label: 'Helpline' },
    });
  });

  it("links the change-password step to the breached site's well-known URL", () => {
    const steps = protectiveSteps(
      { dataClasses: ['Passwords'], domains: ['a.example', 'coop.co.uk'] },
      GB,
      'www.coop.co.uk',
    );
    expect(steps[0]!.contact!.url).toBe('https://coop.co.uk/.well-known/change-password');
    expect(breachSiteFor(['a.example', 'coop.co.uk'], undefined)).toBe('a.example');
    expect(breachSiteFor(['coop.co.uk'], 'notcoop.co.uk')).toBe('coop.co.uk');
  });
});

describe('risk groups', () => {
  it('groups and orders data classes, most severe group first', () => {
    expect(groupDataClasses(['Email addresses', 'Passwords', 'Avatars', 'Dates of birth', 'Credit cards'])).toEqual([
      { group: 'credentials', classes: ['Passwords'] },
      { group: 'financial', classes: ['Credit cards'] },
      { group: 'identity', classes: ['Dates of birth'] },
      { group: 'contact', classes: ['Email addresses'] },
      { group: 'other', classes: ['Avatars'] },
    ]);
    expect(riskGroupOf('Something new')).toBe('other');
  });
  it('rates usable card data above passwords above contact details', () => {
    expect(severityOf(['Credit cards'])).toBeGreaterThan(severityOf(['Passwords']));
    expect(severityOf(['Passwords'])).toBeGreaterThan(severityOf(['Email addresses', 'Names']));
  });
});
