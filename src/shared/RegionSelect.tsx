import { REGION_CODES, storedRegion } from '../core/help-region';
import type { Translate } from './i18n';
import { regionNameKey } from './region-name';
import type { Settings } from './storage';

/**
 * The help-contacts region chooser of the settings and welcome pages: "From my browser language" (no stored choice)
 * or one region. `onChange` gets null for the browser's own choice, as the "settings/update" message takes it.
 */
export function RegionSelect({
  region,
  onChange,
  t,
  label,
}: {
  region: Settings['region'];
  onChange: (region: Settings['region'] | null) => void;
  t: Translate;
  /** The accessible name when the select has no visible label of its own. */
  label?: string;
}) {
  return (
    <select
      {...(label ? { 'aria-label': label } : {})}
      value={storedRegion(region) ?? ''}
      onChange={(e) => onChange((e.currentTarget.value || null) as Settings['region'] | null)}
    >
      <option value="">{t('optionsRegionAuto')}</option>
      {REGION_CODES.map((c) => (
        <option key={c} value={c}>
          {t(regionNameKey(c))}
        </option>
      ))}
    </select>
  );
}
