import type { Translate } from '../shared/i18n';

/** What the popup shows when the worker could not look the site up: the reason, never a blank page. */
export function PopupFailure({ reason, t }: { reason: string; t: Translate }) {
  return (
    <>
      <header class="popup-header">
        <h1>{t('popupHeading')}</h1>
      </header>
      <section class="verdict verdict--na" role="alert" data-testid="lookup-failed">
        <h2>{t('popupLookupFailed')}</h2>
        <p>{t('popupLookupFailedDetail', [reason])}</p>
      </section>
    </>
  );
}
