import type { Breach } from '../core/dataset-schema';
import { relatedMatch } from '../core/domain-families';
import { MATCHED_TEXT } from '../shared/matched-text';
import { formatCount, formatPartialDate } from '../core/format-date';
import { splitSteps, type ProtectiveStep, type StepId } from '../core/protective-steps';
import type { Progress } from '../shared/progress';
import type { MessageKey, Translate } from '../shared/i18n';
import { ExposedChips, NotExposedChips } from './DataClassChips';
import { SafeHtml } from './SafeHtml';
import { AdviceList, StepsChecklist } from './StepsChecklist';
import { breachAlarm, knownSinceOf } from '../core/breach-urgency';
import { verdictOf, type Noun } from '../core/verdict';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Folded } from './Folded';

const STATUS_TEXT: Record<Breach['status'], MessageKey> = {
  ongoing: 'statusOngoing',
  contained: 'statusContained',
  unknown: 'statusUnknown',
};

export interface BreachCardProps {
  breach: Breach;
  /**
   * What to do, or how to work it out: the popup passes a function, so a folded card's steps are worked out only
   * when it is first opened (the three-breach popup worked out all three before its first paint, issue #15).
   */
  steps: readonly ProtectiveStep[] | (() => readonly ProtectiveStep[]);
  progress: Progress;
  expanded: boolean;
  onToggleStep: (breachId: string, stepId: StepId, done: boolean) => void;
  onNotCustomer: (breachId: string, notCustomer: boolean) => void;
  t: Translate;
  /** The host the person is on: when it matched through a brand family, the card says why. */
  host?: string;
  /** Now, for the breach's age (a calm card for an old one). */
  now?: number;
  /** Whether the person chose to keep alerts of sensitive breaches (the card's words follow what is stored). */
  recordSensitive?: boolean;
  /** What the person's history says of this breach (issue #13), when they turned the check on. */
  historyNote?: string | undefined;
  /**
   * The popup's height in px: an open card shows its second first task only if it ends within it, else that task
   * joins the folded ones, so the verdict and what to do first are on the first screen whatever the data's length.
   */
  fitTo?: number;
}

/**
 * "Breached Feb 2017, disclosed 5 May 2017", or HIBP's load date when no disclosure date is known; "Date of the
 * breach not given, disclosed …" when no source says when it happened.
 */
export function whenText(breach: Breach, t: Translate): string {
  return [
    breach.breachDateUnknown ? t('breachDateNotGiven') : t('breachBreached', [formatPartialDate(breach.breachDate)]),
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

/** How many tasks the first screen shows under the verdict (one for an old breach); the rest fold away. */
const FIRST_TASKS = { recent: 2, old: 1 } as const;

/**
 * One breach, in the order a person needs it: a plain verdict (what was taken, what was not), the first one or
 * two things to do, then the rest of the steps, what to do if something happens, and the details and sources.
 */
export function BreachCard(props: BreachCardProps) {
  const { breach, expanded, t, now = Date.now() } = props;
  const titleId = `title-${breach.id}`;
  const alarm = breachAlarm(breach, now);
  // A folded card (the second and later breaches of a site) renders its summary only until it is first opened:
  // with three breaches, building the two folded bodies cost the popup's first paint several ms (issue #15).
  return (
    <article class={`breach breach--${alarm}`} data-breach-id={breach.id} data-alarm={alarm} aria-labelledby={titleId}>
      <Folded
        open={expanded}
        summary={
          <>
            <h3 id={titleId}>{breach.title}</h3>
            <span class="summary-when">{whenText(breach, t)}</span>
          </>
        }
      >
        {() => <CardBody {...props} now={now} alarm={alarm} titleId={titleId} />}
      </Folded>
    </article>
  );
}

/** The card under its title: built when the card is first shown open. */
function CardBody({
  breach,
  steps,
  progress,
  expanded,
  onToggleStep,
  onNotCustomer,
  t,
  host,
  now,
  recordSensitive = false,
  historyNote,
  fitTo,
  alarm,
  titleId,
}: BreachCardProps & { now: number; alarm: ReturnType<typeof breachAlarm>; titleId: string }) {
  const via = relatedMatch(breach, host);
  const { tasks, advice } = splitSteps(typeof steps === 'function' ? steps() : steps);
  const done = tasks.filter((s) => progress.ticked.includes(s.id)).length;
  // Measured once the card is laid out and before it is painted, so nothing jumps. A ResizeObserver is called
  // after the browser's own layout and before paint, so the measure forces no layout of its own (issue #15: a
  // layout forced from script cost the first card about 10 ms); where there is none (tests), it is measured at once.
  const [onlyOne, setOnlyOne] = useState(false);
  const firstCount = onlyOne ? 1 : FIRST_TASKS[alarm];
  const first = tasks.slice(0, firstCount);
  const rest = tasks.slice(firstCount);
  const firstList = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (fitTo === undefined || !expanded || onlyOne || first.length < 2) return;
    const last = firstList.current?.querySelector(':scope > ol > li:last-child');
    if (!last) return;
    const fold = () => {
      if (last.getBoundingClientRect().bottom + window.scrollY > fitTo) setOnlyOne(true);
    };
    if (typeof ResizeObserver === 'undefined') return fold();
    const observer = new ResizeObserver(() => {
      observer.disconnect();
      fold();
    });
    observer.observe(last);
    return () => observer.disconnect();
  }, [fitTo, expanded, onlyOne, first.length]);
  const toggle = (stepId: StepId, isDone: boolean) => onToggleStep(breach.id, stepId, isDone);
  return (
    <>
      <p class="verdict-sentence" data-testid="verdict">
        {verdictText(breach, t, now)}
      </p>
      {historyNote && (
        <p class="note history-note" data-testid="history-line">
          {historyNote}
        </p>
      )}
      {via && (
        <p class="note" data-testid="matched-via">
          {t(MATCHED_TEXT[via.kind], [via.domain, via.via])}
        </p>
      )}
      {breach.sensitive && <p class="note">{t(recordSensitive ? 'breachSensitiveRecorded' : 'breachSensitive')}</p>}
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
        <section class="steps" aria-labelledby={`${titleId}-first`} ref={firstList}>
          <h4 id={`${titleId}-first`} class="first-steps">
            {t('firstSteps')}{' '}
            <span class="steps-progress" aria-live="polite" data-testid="steps-progress">
              {t('stepsProgress', [done, tasks.length])}
            </span>
          </h4>
          <StepsChecklist breachId={breach.id} steps={first} ticked={progress.ticked} onToggle={toggle} t={t} />
          {rest.length > 0 && (
            <Folded class="more-steps" summary={rest.length === 1 ? t('moreStepsOne') : t('moreSteps', [rest.length])}>
              {() => (
                <StepsChecklist breachId={breach.id} steps={rest} ticked={progress.ticked} onToggle={toggle} t={t} />
              )}
            </Folded>
          )}
          {advice.length > 0 && (
            <>
              <h4>{t('adviceHeading')}</h4>
              <AdviceList steps={advice} t={t} />
            </>
          )}
        </section>
      )}

      <Folded class="breach-more" summary={t('breachMore')}>
        {() => (
          <>
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
            {!breach.verified && <p class="note">{t('unverified')}</p>}
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
          </>
        )}
      </Folded>
    </>
  );
}

/** The nouns of a verdict in the person's language: "name, address and 2 other kinds of data". */
function nounList(nouns: readonly Noun[], more: number, t: Translate): string {
  const items = nouns.map((n) => t(`noun_${n}` as MessageKey));
  if (more === 1) items.push(t('verdictOtherKindOne'));
  else if (more > 1) items.push(t('verdictOtherKinds', [more]));
  return formatList(items);
}

/** Joins with the locale's "and" ("a, b and c" in British English). */
function formatList(items: readonly string[]): string {
  try {
    const locale = typeof navigator === 'undefined' ? 'en-GB' : navigator.language || 'en';
    // Made once per locale: making one cost the popup's first card about 1 ms, and a card joins two lists.
    let format = listFormats.get(locale);
    if (!format)
      listFormats.set(locale, (format = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })));
    return format.format(items);
  } catch {
    return items.join(', ');
  }
}
const listFormats = new Map<string, Intl.ListFormat>();

/** Plural nouns take "were", so "Your photos were taken" reads right with one noun too. */
const PLURAL_NOUNS: ReadonlySet<Noun> = new Set([
  'SecurityAnswers',
  'CardDetails',
  'BankDetails',
  'ContactDetails',
  'FinancialDetails',
  'IdNumbers',
  'Photos',
  'Messages',
  'LoginTokens',
  'TravelPlans',
]);
const isPlural = (nouns: readonly Noun[], more: number) =>
  nouns.length + (more > 0 ? 1 : 0) > 1 ||
  (nouns[0] !== undefined && PLURAL_NOUNS.has(nouns[0])) ||
  (nouns.length === 0 && more > 0);

/**
 * The card's first sentence: "This breach is from 2012." for an old one, then what was taken and what the company
 * said was not ("Your name and address were taken. Your password and bank details were not.").
 */
export function verdictText(breach: Breach, t: Translate, now: number = Date.now()): string {
  const v = verdictOf(breach);
  const parts: string[] = [];
  // An undated breach is dated by when it was made public: its stand-in breachDate (the day it was found, or the
  // latest it can have happened) may fall in an earlier year.
  if (breachAlarm(breach, now) === 'old')
    parts.push(
      breach.breachDateUnknown
        ? t('verdictOldDisclosed', [knownSinceOf(breach).slice(0, 4)])
        : t('verdictOld', [breach.breachDate.slice(0, 4)]),
    );
  const takenSome = v.taken.length > 0 || v.moreTaken > 0;
  if (!takenSome) parts.push(t('verdictNothingNamed'));
  else if (v.taken.length === 0) parts.push(t('verdictTakenUnnamed', [v.moreTaken]));
  else if (breach.dataMayInclude) parts.push(t('verdictMayInclude', [nounList(v.taken, v.moreTaken, t)]));
  else
    parts.push(
      t(isPlural(v.taken, v.moreTaken) ? 'verdictTakenMany' : 'verdictTakenOne', [nounList(v.taken, v.moreTaken, t)]),
    );
  if (v.notTaken.length === 0) parts.push(t('verdictNoneSafe'));
  else if (!takenSome || breach.dataMayInclude || v.taken.length === 0)
    parts.push(t('verdictNotTakenAlone', [nounList(v.notTaken, v.moreNotTaken, t)]));
  else
    parts.push(
      t(isPlural(v.notTaken, v.moreNotTaken) ? 'verdictNotTakenMany' : 'verdictNotTakenOne', [
        nounList(v.notTaken, v.moreNotTaken, t),
      ]),
    );
  return parts.join(' ');
}
