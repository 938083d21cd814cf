// Issue #14: help that fits the person (region from languages, time zone, the breach's country and their choice)
// and the breach (the company's regulator too), from contacts that are sourced and current.
import { describe, expect, it } from 'vitest';
import help from '../../data/help/regions.json';
import { decideRegion, REGION_CODES, regionFromTimeZone, storedRegion } from '../../src/core/help-region';
import { isPartialDate } from '../../src/core/partial-date';
import { protectiveSteps, regulatorOfCountry, type RegionContacts } from '../../src/core/protective-steps';
import { buildDatasetFromFiles } from '../../scripts/lib/dataset-files';

const regions = help.regions as Record<string, RegionContacts & Record<string, unknown>>;

describe('the region decision', () => {
  it.each<[string, Parameters<typeof decideRegion>[0], string, string]>([
    ['en-US in London is the UK', { languages: ['en-US'], timeZone: 'Europe/London' }, 'GB-EAW', 'browser'],
    ['en-US in New York is the US', { languages: ['en-US'], timeZone: 'America/New_York' }, 'US', 'browser'],
    ['en-GB in UTC is the UK', { languages: ['en-GB', 'en'], timeZone: 'UTC' }, 'GB-EAW', 'browser'],
    ['Belfast time is Northern Ireland', { languages: ['en-GB'], timeZone: 'Europe/Belfast' }, 'GB-NIR', 'browser'],
    ['en-US in Dublin is Ireland', { languages: ['en-US'], timeZone: 'Europe/Dublin' }, 'IE', 'browser'],
    ['fr-CA in Toronto is Canada', { languages: ['fr-CA'], timeZone: 'America/Toronto' }, 'CA', 'browser'],
    ['en-US in Sydney is Australia', { languages: ['en-US'], timeZone: 'Australia/Sydney' }, 'AU', 'browser'],
    ['de-DE in Berlin is Europe', { languages: ['de-DE'], timeZone: 'Europe/Berlin' }, 'EU', 'browser'],
    ['no signal: the breach country', { languages: ['en'], timeZone: 'UTC', breachCountry: 'AU' }, 'AU', 'breach'],
    ['no signal, a French breach: Europe', { languages: ['en'], breachCountry: 'FR' }, 'EU', 'breach'],
    ['nothing at all: generic help', { languages: ['ja'], timeZone: 'Asia/Tokyo' }, 'WORLD', 'generic'],
    ['a Japanese breach gives no region', { languages: [], breachCountry: 'JP' }, 'WORLD', 'generic'],
    [
      'the stored choice wins',
      { stored: 'GB-SCT', languages: ['en-US'], timeZone: 'America/New_York' },
      'GB-SCT',
      'chosen',
    ],
    ['an old stored GB is England and Wales', { stored: 'GB', languages: ['en-US'] }, 'GB-EAW', 'chosen'],
    ['an old stored "other" is generic help', { stored: 'other', languages: ['en-GB'] }, 'WORLD', 'chosen'],
  ])('%s', (_name, signals, code, basis) => {
    expect(decideRegion(signals)).toEqual({ code, basis });
  });

  it('reads only known codes from storage', () => {
    expect(storedRegion('GB-NIR')).toBe('GB-NIR');
    expect(storedRegion('XX')).toBeUndefined();
    expect(storedRegion(undefined)).toBeUndefined();
  });

  it('says nothing for time zones that do not place a person', () => {
    for (const tz of ['UTC', 'Etc/GMT', 'Asia/Tokyo', 'Europe/Moscow', 'Africa/Lagos', undefined])
      expect(regionFromTimeZone(tz)).toBeUndefined();
  });
});

describe('help contacts data (data/help/regions.json)', () => {
  const built = buildDatasetFromFiles();
  if (!built.ok) throw new Error(built.errors.join('\n'));
  const dataDate = built.dataset.dataDate;
  const FIELDS = ['reportFraud', 'regulator', 'creditReport', 'identityTheft', 'reportPhishing'] as const;
  const PHONE: Record<string, RegExp> = {
    GB: /^(0\d{3} \d{3} \d{4}|101|7726)$/,
    US: /^1 \d{3} \d{3} \d{4}$/,
    CA: /^1 \d{3} \d{3} \d{4}$/,
    AU: /^1[38]00 \d{3} \d{3}$/,
  };

  it('has every region, and every region has every step', () => {
    expect(Object.keys(regions).sort()).toEqual([...REGION_CODES].sort());
    for (const [code, r] of Object.entries(regions))
      for (const f of FIELDS) expect(r[f]?.label, `${code}.${f}`).toBeTruthy();
  });

  it.each(Object.entries(regions))(
    "%s: https pages, phone numbers in the country's format, each from a dated official source",
    (code, r) => {
      for (const f of FIELDS) {
        const c = r[f] as RegionContacts['reportFraud'] & { source?: { url: string; date: string; publisher: string } };
        if (c.url) expect(c.url, `${code}.${f}`).toMatch(/^https:\/\//);
        if (c.phone) expect(c.phone, `${code}.${f}`).toMatch(PHONE[r.country ?? ''] ?? /^$/);
        if (c.url || c.phone || c.email || c.textNumber) {
          expect(c.source, `${code}.${f} needs a source`).toBeDefined();
          expect(c.source!.url).toMatch(/^https:\/\//);
          expect(isPartialDate(c.source!.date)).toBe(true);
          expect(c.source!.publisher).toBeTruthy();
        }
      }
    },
  );

  it('was checked no more than a year before the data date', () => {
    const checked = new Date(help.checked).getTime();
    const data = new Date(dataDate.length === 4 ? `${dataDate}-01-01` : dataDate).getTime();
    expect(data - checked).toBeLessThan(366 * 86_400_000);
  });

  it('sends the UK to Report Fraud (formerly Action Fraud) on 0300 123 2040, and Scotland to Police Scotland on 101', () => {
    for (const code of ['GB-EAW', 'GB-NIR']) {
      expect(regions[code]!.reportFraud).toMatchObject({
        label: 'Report Fraud (formerly Action Fraud)',
        phone: '0300 123 2040',
        url: 'https://www.reportfraud.police.uk/',
      });
    }
    expect(regions['GB-SCT']!.reportFraud).toMatchObject({ label: 'Police Scotland', phone: '101' });
    expect(regions['GB-EAW']!.reportPhishing).toMatchObject({ email: 'report@phishing.gov.uk', textNumber: '7726' });
  });
});

describe("the company's regulator beside the person's", () => {
  const gb = regions['GB-EAW']!;
  const steps = (country: string | undefined) =>
    protectiveSteps(
      { dataClasses: ['Names'], domains: ['qantas.com'], country },
      gb,
      'www.qantas.com',
      regulatorOfCountry(country, gb, regions),
    );

  it('names the ICO and the OAIC for a UK person on an Australian company', () => {
    const step = steps('AU').find((s) => s.id === 'complain-regulator')!;
    expect(step.contact!.label).toContain('ICO');
    expect(step.also!.label).toContain('OAIC');
  });

  it("names a country without a contact set by its name, and adds nothing for the person's own country", () => {
    expect(steps('FR').find((s) => s.id === 'complain-regulator')!.also!.label).toBe(
      'the data protection authority of France',
    );
    expect(steps('GB').find((s) => s.id === 'complain-regulator')!.also).toBeUndefined();
    expect(steps(undefined).find((s) => s.id === 'complain-regulator')!.also).toBeUndefined();
  });

  it("says when the company's country is not known (most HIBP entries), and not when it is", () => {
    expect(steps(undefined).find((s) => s.id === 'complain-regulator')!.companyCountryUnknown).toBe(true);
    expect(steps('AU').find((s) => s.id === 'complain-regulator')!.companyCountryUnknown).toBeUndefined();
  });
});
