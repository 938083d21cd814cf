// Which region's help contacts a person gets (where to report fraud, the regulator, credit reports...), decided
// on the device from the browser's languages and time zone, the breach's own country, or the person's choice.

import { REGION_CODES, type RegionCode } from './region-codes';

export { REGION_CODES, type RegionCode };

/** How the region was decided, so the popup can say so. */
export type RegionBasis = 'chosen' | 'browser' | 'breach' | 'generic';

/** Settings written before nations and more countries existed. */
const LEGACY: Record<string, RegionCode> = { GB: 'GB-EAW', US: 'US', other: 'WORLD' };

/** A stored region setting as a current code (older settings said GB, US or other); undefined when unset. */
export function storedRegion(stored: string | undefined): RegionCode | undefined {
  if (!stored) return undefined;
  if ((REGION_CODES as readonly string[]).includes(stored)) return stored as RegionCode;
  return LEGACY[stored];
}

// EU and EEA members (GDPR applies), by the capital-city zones the IANA database names them with.
const EUROPEAN_ZONES = new Set(
  (
    'Amsterdam Athens Berlin Bratislava Brussels Bucharest Budapest Copenhagen Helsinki Lisbon Ljubljana ' +
    'Luxembourg Madrid Malta Nicosia Oslo Paris Prague Reykjavik Riga Rome Sofia Stockholm Tallinn Vaduz ' +
    'Vienna Vilnius Warsaw Zagreb Busingen Mariehamn Monaco San_Marino Vatican Andorra Gibraltar Zurich'
  )
    .split(' ')
    .map((city) => `Europe/${city}`),
);
const CANADIAN_ZONES = new Set(
  (
    'Toronto Vancouver Edmonton Winnipeg Halifax St_Johns Regina Montreal Moncton Glace_Bay Goose_Bay ' +
    'Whitehorse Dawson Dawson_Creek Fort_Nelson Creston Iqaluit Rankin_Inlet Resolute Cambridge_Bay ' +
    'Swift_Current Atikokan Inuvik Yellowknife Thunder_Bay Nipigon Rainy_River Pangnirtung'
  )
    .split(' ')
    .map((city) => `America/${city}`),
);
const US_ZONES = new Set(
  (
    'America/New_York America/Chicago America/Denver America/Los_Angeles America/Phoenix America/Anchorage ' +
    'America/Juneau America/Sitka America/Nome America/Yakutat America/Metlakatla America/Adak America/Boise ' +
    'America/Detroit America/Menominee America/Puerto_Rico Pacific/Honolulu US/Eastern US/Central ' +
    'US/Mountain US/Pacific US/Alaska US/Hawaii US/Arizona US/Michigan'
  ).split(' '),
);

/** The region a time zone says, or undefined when it says nothing useful (UTC, a zone we have no set for). */
export function regionFromTimeZone(timeZone: string | undefined): RegionCode | undefined {
  if (!timeZone) return undefined;
  if (timeZone === 'Europe/Belfast') return 'GB-NIR';
  if (['Europe/London', 'GB', 'GB-Eire', 'Europe/Isle_of_Man', 'Europe/Jersey', 'Europe/Guernsey'].includes(timeZone))
    return 'GB-EAW';
  if (timeZone === 'Europe/Dublin' || timeZone === 'Eire') return 'IE';
  if (timeZone.startsWith('Australia/')) return 'AU';
  if (timeZone.startsWith('Canada/') || CANADIAN_ZONES.has(timeZone)) return 'CA';
  if (US_ZONES.has(timeZone) || /^America\/(Indiana|Kentucky|North_Dakota)\//.test(timeZone)) return 'US';
  if (EUROPEAN_ZONES.has(timeZone)) return 'EU';
  return undefined;
}

/** The region of a country code (a browser language's country, or a breach's country). */
export function regionFromCountry(country: string | undefined): RegionCode | undefined {
  const code = country?.toUpperCase();
  if (!code) return undefined;
  if (code === 'GB' || code === 'UK') return 'GB-EAW';
  if (code === 'IE' || code === 'US' || code === 'CA' || code === 'AU') return code;
  return EU_COUNTRIES.has(code) ? 'EU' : undefined;
}

const EU_COUNTRIES = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO CH'.split(' '),
);

/** The first browser language that names a country ("en-GB" → GB). */
function languageCountry(languages: readonly string[]): string | undefined {
  for (const l of languages) {
    const country = l.split(/[-_]/)[1];
    if (country && /^[A-Za-z]{2}$/.test(country)) return country;
  }
  return undefined;
}

export interface RegionSignals {
  /** The person's own choice (settings), in any stored form. */
  stored?: string | undefined;
  /** navigator.languages, most preferred first. */
  languages: readonly string[];
  /** Intl.DateTimeFormat().resolvedOptions().timeZone */
  timeZone?: string | undefined;
  /** The country of the breach being shown, where known. */
  breachCountry?: string | undefined;
}

/** What a page can tell of the browser: its languages and time zone (the worker decides with them). */
export type BrowserRegionSignals = Pick<RegionSignals, 'languages' | 'timeZone'>;

/**
 * The region for help contacts. The person's choice wins. Otherwise the time zone, which says where the
 * browser is, beats the language's country, which is often en-US by default (en-US with Europe/London is the
 * UK); the language decides only when the time zone says nothing useful. Then the breach's own country, then
 * generic help.
 */
export function decideRegion(signals: RegionSignals): { code: RegionCode; basis: RegionBasis } {
  const chosen = storedRegion(signals.stored);
  if (chosen) return { code: chosen, basis: 'chosen' };
  const fromBrowser = regionFromTimeZone(signals.timeZone) ?? regionFromCountry(languageCountry(signals.languages));
  if (fromBrowser) return { code: fromBrowser, basis: 'browser' };
  const fromBreach = regionFromCountry(signals.breachCountry);
  if (fromBreach) return { code: fromBreach, basis: 'breach' };
  return { code: 'WORLD', basis: 'generic' };
}
