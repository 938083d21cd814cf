import type { RegionContacts } from './protective-steps';

/**
 * The regions' contacts a popup needs for breaches of these countries: the person's region's, and the regions
 * whose regulator regulatorOfCountry would name. The popup gets only these with its answer; the whole table loads
 * only when the person picks another region (issue #15).
 */
export function contactsFor(
  regions: Readonly<Record<string, RegionContacts>>,
  code: string,
  countries: readonly (string | undefined)[],
): Record<string, RegionContacts> {
  const wanted = new Set(countries.filter((c): c is string => Boolean(c)));
  return Object.fromEntries(
    Object.entries(regions).filter(([c, r]) => c === code || (r.country !== undefined && wanted.has(r.country))),
  );
}
