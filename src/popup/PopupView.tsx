import type { Lookup } from '../core/breach-index';
import { severityOf } from '../core/data-class-groups';
import type { BreachLoadFailure } from '../core/breach-details';
import type { Breach, Dataset } from '../core/dataset-schema';
import { formatCount, formatPartialDate } from '../core/format-date';
import { REGION_CODES, type RegionCode } from '../core/region-codes';
import type { RegionBasis } from '../core/help-region';
import { protectiveSteps, regulatorOfCountry, type RegionContacts, type StepId } from '../core/protective-steps';
import type { MessageKey, Translate } from '../shared/i18n';
import { regionNameKey } from '../shared/region-name';
import { EMPTY_PROGRESS, type Progress } from '../shared/progress';
import { BreachCard } from './BreachCard';
import { notCustomerNow } from '../core/history-verdict';
import type { SiteHistoryAnswer } from '../shared/messages';
import { breachAlarm } from '../core/breach-urgency';

/** The tallest a browser shows an action popup (Chrome and Firefox: 600 px); the first screen is measured in it. */
const POPUP_MAX_HEIGHT = 600;

export interface PopupViewProps {
  result: Lookup<Breach>;
  failed?: readonly BreachLoadFailure[] | undefined;
  dataset: Pick<Dataset, 'dataDate' | 'counts'>;
  region: RegionContacts;
  /** Every region's contacts: with them, a breach of a company abroad also names the company's regulator. */
  regions?: Readonly<Record<string, RegionContacts>> | undefined;
  /** The region in use, how it was decided, and how to change it (the footer control). */
  regionChoice?: { code: RegionCode; basis: RegionBasis; onChange: (code: RegionCode) => void } | undefined;
  progress: Readonly<Record<string, Progress>>;
  onToggleStep: (breachId: string, stepId: StepId, done: boolean) => void;
  onNotCustomer: (breachId: string, notCustomer: boolean) => void;
  t: Translate;
  links?: { alerts: string; options: string; history?: string | undefined } | undefined;
  /** The history's answer for this site, once it came: a line per card, or an offer to check. */
  history?: SiteHistoryAnswer | undefined;
  /** The card's line for each breach the history answered for (by breach id), worded by history-text.ts. */
  historyNotes?: Readonly<Record<string, string>> | undefined;
  /** Sites of the breaches shown that the person muted; with onUnmute, each gets an Unmute button. */
  muted?: readonly string[] | undefined;
  onUnmute?: ((site: string) => void) | undefined;
  /** The last confirmation ("Alerts are on again…"), announced by the status region. */
  status?: string | undefined;
  recordSensitive?: boolean | undefined;
  now?: number | undefined;
}

const NOT_APPLICABLE_TEXT: Record<string, MessageKey> = {
  'ip-address': 'popupNotApplicableIp',
  'no-site': 'popupNotApplicableNoSite',
  'invalid-url': 'popupInvalidUrl',
  'not-web': 'popupNotApplicable',
};

/**
 * What needs doing first: breaches still raising the alarm before old ones, then the most severe, then the newest.
 * The first is the one shown open, so its verdict and first steps are on the first screen.
 */
export function orderBreaches(breaches: readonly Breach[], now: number = Date.now()): Breach[] {
  const recent = (b: Breach) => (breachAlarm(b, now) === 'recent' ? 1 : 0);
  return [...breaches].sort(
    (a, b) =>
      recent(b) - recent(a) ||
      severityOf(b.dataClasses) - severityOf(a.dataClasses) ||
      b.breachDate.localeCompare(a.breachDate),
  );
}

/** The popup's heading, the same in every state. */
export function PopupHeader({ t }: { t: Translate }) {
  return (
    <header class="popup-header">
      <h1>{t('popupHeading')}</h1>
    </header>
  );
}

/**
 * "No known breach" for `host`, with the data's date and size: drawn by the full view, and by the popup's start from
 * its address alone before the reads (main.tsx), which the full view then renders over without a change.
 */
export function NoBreach(props: { host: string; dataDate: string; breaches: number; t: Translate }) {
  const { t } = props;
  return (
    <section class="verdict verdict--clear" data-testid="no-breach">
      <h2>{t('popupNoBreach', [props.host, formatPartialDate(props.dataDate)])}</h2>
      <p>{t('popupNoBreachDetail', [formatCount(props.breaches)])}</p>
    </section>
  );
}

/** The whole popup for one lookup result: breaches, "none known", or "not a website". */
export function PopupView(props: PopupViewProps) {
  const { result, dataset, t } = props;
  return (
    <>
      <PopupHeader t={t} />
      {result.status === 'not-applicable' ? (
        <p class="verdict verdict--na" data-testid="not-applicable">
          {t(NOT_APPLICABLE_TEXT[result.reason] ?? 'popupNotApplicable')}
        </p>
      ) : result.breaches.length + (props.failed?.length ?? 0) === 0 ? (
        <NoBreach host={result.host} dataDate={dataset.dataDate} breaches={dataset.counts.breaches} t={t} />
      ) : (
        <Breaches {...props} host={result.host} breaches={result.breaches} />
      )}
      <p role="status" class="status" data-testid="status">
        {props.status ?? ''}
      </p>
      <footer class="popup-footer">
        {/* Below the cards, so the verdict and first steps stay on the first screen. */}
        {props.history && !(props.history.use && props.history.granted) && props.links?.history && (
          <p class="note" data-testid="history-offer">
            {t('popupHistoryOffer')}{' '}
            <a href={props.links.history} target="_blank" rel="noopener">
              {t('popupHistoryOfferLink')}
            </a>
          </p>
        )}
        {props.links && (
          <nav class="popup-links">
            <a href={props.links.alerts} target="_blank" rel="noopener">
              {t('popupOpenAlerts')}
            </a>
            <a href={props.links.options} target="_blank" rel="noopener">
              {t('popupOpenOptions')}
            </a>
          </nav>
        )}
        {props.regionChoice ? (
          <RegionControl {...props.regionChoice} t={t} />
        ) : (
          <p>{t('regionNote', [props.region.name])}</p>
        )}
        <p>{t('footerAttribution')}</p>
      </footer>
    </>
  );
}

function Breaches(props: PopupViewProps & { host: string; breaches: Breach[] }) {
  const { host, breaches, t } = props;
  const failed = props.failed ?? [];
  const ordered = orderBreaches(breaches, props.now);
  const expanded = ordered[0]?.id;
  const total = breaches.length + failed.length;
  return (
    <section aria-labelledby="verdict-heading">
      <h2
        id="verdict-heading"
        class={`verdict ${breaches.some((b) => breachAlarm(b, props.now ?? Date.now()) === 'recent') || failed.length ? 'verdict--breached' : 'verdict--old'}`}
      >
        {total === 1 ? t('popupBreachesFoundOne', [host]) : t('popupBreachesFoundMany', [total, host])}
      </h2>
      {(props.muted ?? []).map((site) => (
        <p key={site} class="muted-note" data-testid="muted">
          {t('popupMuted', [site])}{' '}
          {props.onUnmute && (
            <button type="button" onClick={() => props.onUnmute!(site)}>
              {t('popupUnmute', [site])}
            </button>
          )}
        </p>
      ))}
      {failed.map((f) => (
        <article key={f.id} class="breach breach--failed" data-breach-id={f.id} data-testid="breach-failed">
          <h3>{f.title}</h3>
          <p role="alert">{t('breachDetailsFailed', [f.reason])}</p>
        </article>
      ))}
      {ordered.map((b) => {
        const found = props.history?.findings.find((f) => f.breachId === b.id);
        const progress = props.progress[b.id] ?? EMPTY_PROGRESS;
        return (
          <BreachCard
            key={b.id}
            breach={b}
            steps={() =>
              protectiveSteps(
                b,
                props.region,
                host,
                props.regions && regulatorOfCountry(b.country, props.region, props.regions),
                props.now,
              )
            }
            progress={{ ...progress, notCustomer: notCustomerNow(progress, found?.verdict) }}
            historyNote={props.historyNotes?.[b.id]}
            expanded={b.id === expanded}
            onToggleStep={props.onToggleStep}
            onNotCustomer={props.onNotCustomer}
            t={t}
            host={host}
            recordSensitive={props.recordSensitive ?? false}
            fitTo={POPUP_MAX_HEIGHT}
            {...(props.now !== undefined ? { now: props.now } : {})}
          />
        );
      })}
    </section>
  );
}

/** "Help contacts for: [United Kingdom (Scotland)]": says which contacts are shown, and changes them in place. */
function RegionControl({
  code,
  basis,
  onChange,
  t,
}: {
  code: RegionCode;
  basis: RegionBasis;
  onChange: (code: RegionCode) => void;
  t: Translate;
}) {
  return (
    <div class="region-control">
      <label>
        {t('regionControl')}{' '}
        <select
          value={code}
          data-testid="region"
          aria-describedby="region-basis"
          onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as RegionCode)}
        >
          {REGION_CODES.map((c) => (
            <option key={c} value={c}>
              {t(regionNameKey(c))}
            </option>
          ))}
        </select>
      </label>
      <p id="region-basis" class="note" data-testid="region-basis">
        {t(`regionBasis_${basis}` as MessageKey)}
      </p>
    </div>
  );
}
