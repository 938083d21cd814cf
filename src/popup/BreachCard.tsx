import type { Breach } from '../core/dataset-schema';
import { relatedMatch } from '../core/domain-families';
import { MATCHED_TEXT } from '../shared/matched-text';
import { formatCount, formatPartialDate } from '../core/format-date';
import type { ProtectiveStep, StepId } from '../core/protective-steps';
import type { Progress } from '../shared/progress';
import type { MessageKey, Translate } from '../shared/i18n';
import { ExposedChips, NotExposedChips } from './DataClassChips';
import { SafeHtml } from './SafeHtml';
import { StepsChecklist } from './StepsChecklist';

const STATUS_TEXT: Record<Breach['status'], MessageKey> = {
  ongoing: 'statusOngoing',
  contained: 'statusContained',
  unknown: 'statusUnknown',
};

export interface BreachCardProps {
  breach: Breach;
  steps: ProtectiveStep[];
  progress: Progress;
  expanded: boolean;
  onToggleStep: (breachId: string, stepId: StepId, done: boolean) => void;
  onNotCustomer: (breachId: string, notCustomer: boolean) => void;
  t: Translate;
  /** The host the person is on: when it matched through a brand family, the card says why. */
  host?: string;
}

/** "Breached Feb 2017, disclosed 5 May 2017", or HIBP's load date when no disclosure date is known. */
export function whenText(breach: Breach, t: Translate): string {
  return [
    t('breachBreached', [formatPartialDate(breach.breachDate)]),
    breach.disclosedDate ? t('breachDisclosed', [formatPartialDate(breach.disclosedDate)]) : null,
    !breach.disclosedDate && breach.addedDate ? t('breachAddedToHibp', [formatPartialDate(breach.addedDate)]) : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** The sources with the company's own notice first, where it is one of them. */
function noticeFirst(breach: Breach): Breach['sources'] {
  return [...breach.sources].sort((a, b) => Number(b.url === breach.noticeUrl) - Number(a.url === breach.noticeUrl));
}

export function peopleText(breach: Breach, t: Translate): string {
  if (breach.affectedText) return breach.affectedText;
  return breach.affectedCount !== null
    ? t('breachPeopleCount', [formatCount(breach.affectedCount)])
    : t('breachPeopleUnknown');
}

/** One breach: what happened, when, to how many, what data, and what to do. */
export function BreachCard({
  breach,
  steps,
  progress,
  expanded,
  onToggleStep,
  onNotCustomer,
  t,
  host,
}: BreachCardProps) {
  const titleId = `title-${breach.id}`;
  const via = relatedMatch(breach, host);
  return (
    <article class="breach" data-breach-id={breach.id} aria-labelledby={titleId}>
      <details open={expanded}>
        <summary>
          <h3 id={titleId}>{breach.title}</h3>
          <span class="summary-when">{whenText(breach, t)}</span>
        </summary>
        {via && (
          <p class="note" data-testid="matched-via">
            {t(MATCHED_TEXT[via.kind], [via.domain, via.via])}
          </p>
        )}
        <dl class="facts">
          <dt>{t('breachPeople')}</dt>
          <dd>{peopleText(breach, t)}</dd>
          {breach.scope && (
            <>
              <dt>{t('breachScope')}</dt>
              <dd data-testid="scope">{breach.scope}</dd>
            </>
          )}
          {breach.status !== 'unknown' && (
            <>
              <dt>{t('breachStatus')}</dt>
              <dd>{t(STATUS_TEXT[breach.status])}</dd>
            </>
          )}
        </dl>
        {breach.thirdParty && (
          <p class="third-party">{t('breachThirdParty', [breach.thirdParty.name, breach.thirdParty.role])}</p>
        )}
        {breach.regulatorOutcome && (
          <p class="note" data-testid="regulator">
            {t('breachRegulator', [breach.regulatorOutcome])}
          </p>
        )}
        {breach.sensitive && <p class="note">{t('breachSensitive')}</p>}
        {!breach.verified && <p class="note">{t('unverified')}</p>}

        <h4>{t(breach.dataMayInclude ? 'breachMayIncludeHeading' : 'breachExposedHeading')}</h4>
        {breach.dataMayInclude && (
          <p class="note" data-testid="may-include">
            {t('breachMayIncludeNote')}
          </p>
        )}
        <ExposedChips dataClasses={breach.dataClasses} t={t} />
        {breach.notExposed.length > 0 && (
          <>
            <h4>{t('breachNotExposedHeading')}</h4>
            <NotExposedChips classes={breach.notExposed} t={t} />
          </>
        )}

        <h4>{t('stepsHeading')}</h4>
        <label class="not-customer">
          <input
            type="checkbox"
            checked={progress.notCustomer}
            onChange={(e) => onNotCustomer(breach.id, (e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          {t('notCustomerLabel')}
        </label>
        {progress.notCustomer ? (
          <p class="note" data-testid="steps-hidden">
            {t('notCustomerHidden')}
          </p>
        ) : (
          <StepsChecklist
            breachId={breach.id}
            steps={steps}
            ticked={progress.ticked}
            onToggle={(stepId, done) => onToggleStep(breach.id, stepId, done)}
            t={t}
          />
        )}

        <h4>{t('breachDetails')}</h4>
        {breach.descriptionHtml ? (
          <SafeHtml class="description" html={breach.descriptionHtml} text={breach.description} />
        ) : (
          <p class="description">{breach.description}</p>
        )}
        <h4>{t('breachSources')}</h4>
        <ul class="sources">
          {breach.noticeUrl && !breach.sources.some((s) => s.url === breach.noticeUrl) && (
            <li data-testid="notice">
              <a href={breach.noticeUrl} target="_blank" rel="noopener noreferrer">
                {t('breachNotice')}
              </a>
            </li>
          )}
          {noticeFirst(breach).map((s) => (
            <li key={s.url} {...(s.url === breach.noticeUrl ? { 'data-testid': 'notice' } : {})}>
              {s.url === breach.noticeUrl && <>{t('breachNotice')}: </>}
              <a href={s.url} target="_blank" rel="noopener noreferrer">
                {s.title}
              </a>
              {s.publisher ? ` (${s.publisher}${s.date ? `, ${formatPartialDate(s.date)}` : ''})` : ''}
            </li>
          ))}
        </ul>
        {breach.attribution && <p class="note">{t('breachAttribution', [breach.attribution])}</p>}
      </details>
    </article>
  );
}
