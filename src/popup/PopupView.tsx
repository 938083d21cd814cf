import type { Lookup } from '../core/breach-index';
import type { Breach, Dataset } from '../core/dataset-schema';
import { formatCount, formatPartialDate } from '../core/format-date';
import type { Translate } from '../shared/i18n';
import { BreachCard } from './BreachCard';

export interface PopupViewProps {
  result: Lookup<Breach>;
  dataset: Pick<Dataset, 'dataDate' | 'counts'>;
  t: Translate;
}

/** The whole popup for one lookup result: breaches, "none known", or "not a website". */
export function PopupView({ result, dataset, t }: PopupViewProps) {
  return (
    <>
      <header class="popup-header">
        <h1>{t('popupHeading')}</h1>
      </header>
      {result.status === 'not-applicable' ? (
        <p class="verdict verdict--na" data-testid="not-applicable">
          {t(
            result.reason === 'ip-address'
              ? 'popupNotApplicableIp'
              : result.reason === 'no-site'
                ? 'popupNotApplicableNoSite'
                : result.reason === 'invalid-url'
                  ? 'popupInvalidUrl'
                  : 'popupNotApplicable',
          )}
        </p>
      ) : result.breaches.length === 0 ? (
        <section class="verdict verdict--clear" data-testid="no-breach">
          <h2>{t('popupNoBreach', [result.host, formatPartialDate(dataset.dataDate)])}</h2>
          <p>{t('popupNoBreachDetail', [formatCount(dataset.counts.breaches)])}</p>
        </section>
      ) : (
        <section aria-labelledby="verdict-heading">
          <h2 id="verdict-heading" class="verdict verdict--breached">
            {result.breaches.length === 1
              ? t('popupBreachesFoundOne', [result.host])
              : t('popupBreachesFoundMany', [result.breaches.length, result.host])}
          </h2>
          {newestFirst(result.breaches).map((b) => (
            <BreachCard key={b.id} breach={b} t={t} />
          ))}
        </section>
      )}
      <footer class="popup-footer">{t('footerAttribution')}</footer>
    </>
  );
}

function newestFirst(breaches: Breach[]): Breach[] {
  return [...breaches].sort((a, b) => (b.breachDate > a.breachDate ? 1 : b.breachDate < a.breachDate ? -1 : 0));
}
