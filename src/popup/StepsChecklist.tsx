import type { ProtectiveStep, StepId, Urgency } from '../core/protective-steps';
import { formatPartialDate } from '../core/format-date';
import type { MessageKey, Translate } from '../shared/i18n';

const STEP_TEXT: Record<StepId, [MessageKey, MessageKey]> = {
  'change-password': ['stepChangePassword', 'stepChangePasswordWhy'],
  'enable-2fa': ['stepEnable2fa', 'stepEnable2faWhy'],
  'password-manager': ['stepPasswordManager', 'stepPasswordManagerWhy'],
  'call-bank': ['stepCallBank', 'stepCallBankWhy'],
  'new-card': ['stepNewCard', 'stepNewCardWhy'],
  'watch-statements': ['stepWatchStatements', 'stepWatchStatementsWhy'],
  'credit-report': ['stepCreditReport', 'stepCreditReportWhy'],
  'identity-theft': ['stepIdentityTheft', 'stepIdentityTheftWhy'],
  phishing: ['stepPhishing', 'stepPhishingWhy'],
  'card-scam-calls': ['stepCardScamCalls', 'stepCardScamCallsWhy'],
  'company-hotline': ['stepCompanyHotline', 'stepCompanyHotlineWhy'],
  'company-offer': ['stepCompanyOffer', 'stepCompanyOfferWhy'],
  'report-fraud': ['stepReportFraud', 'stepReportFraudWhy'],
  'complain-regulator': ['stepComplainRegulator', 'stepComplainRegulatorWhy'],
};
const URGENCY_TEXT: Record<Urgency, MessageKey> = { now: 'urgencyNow', soon: 'urgencySoon', ongoing: 'urgencyOngoing' };

export interface StepsChecklistProps {
  breachId: string;
  /** The tasks to list here (a slice of the breach's tasks: the first ones, or the rest). */
  steps: readonly ProtectiveStep[];
  ticked: readonly string[];
  onToggle: (stepId: StepId, done: boolean) => void;
  t: Translate;
}

/** The title of a step as the person reads it: what the company did, or the check an old breach calls for. */
function stepTitle(step: ProtectiveStep, t: Translate): string {
  if (step.companyDid === 'reset-passwords') return t('stepChangePasswordReset');
  if (step.companyDid === 'reissued-cards') return t('stepNewCardReissued');
  if (step.since && step.id === 'change-password') return t('stepChangePasswordSince', [formatPartialDate(step.since)]);
  // "a card you had in Mar 2020", but "on 28 Dec 2011" where the day is known.
  if (step.since && step.id === 'new-card')
    return t(step.since.length > 7 ? 'stepNewCardOnDay' : 'stepNewCardSince', [formatPartialDate(step.since)]);
  return t(STEP_TEXT[step.id][0]);
}

/** Tasks as a checklist (one box each, remembered per breach); the count of done tasks is the card's. */
export function StepsChecklist({ breachId, steps, ticked, onToggle, t }: StepsChecklistProps) {
  return (
    <ol class="steps-list" data-testid="steps">
      {steps.map((step) => {
        const id = `step-${breachId}-${step.id}`;
        const isDone = ticked.includes(step.id);
        return (
          <li key={step.id} class={`step step--${step.urgency}${isDone ? ' step--done' : ''}`} data-step={step.id}>
            <input
              type="checkbox"
              id={id}
              checked={isDone}
              aria-describedby={`${id}-why`}
              onChange={(e) => onToggle(step.id, (e.currentTarget as HTMLInputElement).checked)}
            />
            <div>
              <label for={id}>
                <Urgency step={step} t={t} />
                {stepTitle(step, t)}
              </label>
              <StepBody id={`${id}-why`} step={step} t={t} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** What to do if something happens (report fraud, complain): advice, with no box and no count. */
export function AdviceList({ steps, t }: { steps: readonly ProtectiveStep[]; t: Translate }) {
  return (
    <ul class="advice-list" data-testid="advice">
      {steps.map((step) => (
        <li key={step.id} class="advice" data-step={step.id}>
          <p class="advice-title">{stepTitle(step, t)}</p>
          <StepBody step={step} t={t} />
        </li>
      ))}
    </ul>
  );
}

/** "Now", then a separator a screen reader speaks and the eye does not need. */
function Urgency({ step, t }: { step: ProtectiveStep; t: Translate }) {
  return (
    <>
      <span class={`urgency urgency--${step.urgency}`}>{t(URGENCY_TEXT[step.urgency])}</span>
      <span class="visually-hidden">{t('urgencySeparator')}</span>{' '}
    </>
  );
}

/** Where to go or whom to call first; the reason folds away, so the first screen holds the first steps. */
function StepBody({ id, step, t }: { id?: string; step: ProtectiveStep; t: Translate }) {
  const why = STEP_TEXT[step.id][1];
  return (
    <>
      <StepContact step={step} t={t} />
      <details class="step-why">
        <summary>{t('stepWhy')}</summary>
        <p {...(id ? { id } : {})}>
          {t(why)}
          {step.because.length > 0 && <> {t('stepBecause', [step.because.join(', ')])}</>}
        </p>
      </details>
    </>
  );
}

function StepContact({ step, t }: { step: ProtectiveStep; t: Translate }) {
  const c = step.contact;
  if (!c) return null;
  if (step.id === 'change-password' && c.url) {
    return (
      <p class="step-contact" data-testid={c.wellKnown ? 'change-password-well-known' : 'change-password-page'}>
        <a href={c.url} target="_blank" rel="noopener noreferrer">
          {t(c.wellKnown ? 'stepChangePasswordWellKnown' : 'stepChangePasswordLink', [c.label])}
        </a>
        {c.wellKnown ? (
          <> {t('stepChangePasswordWellKnownWhy')}</>
        ) : (
          <>
            {' '}
            <a href={`https://${c.label}/`} target="_blank" rel="noopener noreferrer">
              {t('stepChangePasswordSite', [c.label])}
            </a>
          </>
        )}
      </p>
    );
  }
  if (step.id === 'company-offer') {
    return (
      <>
        <p class="step-contact" data-testid="offer">
          {c.label}
          {c.deadline && (
            <>
              {' '}
              {t(step.mayHaveEnded ? 'stepCompanyOfferClosed' : 'stepCompanyOfferDeadline', [
                formatPartialDate(c.deadline),
              ])}
            </>
          )}
          {c.url && (
            <>
              {' · '}
              <a href={c.url} target="_blank" rel="noopener noreferrer">
                {t('stepCompanyOfferLink')}
              </a>
            </>
          )}
          {c.phone && <PhoneLink phone={c.phone} />}
        </p>
        {/* Its own line, as a hotline's "may no longer run" below: the offer's text often ends without a stop. */}
        {step.mayHaveEnded && !c.deadline && (
          <p class="step-contact" data-testid="offer-may-have-ended">
            {t('stepCompanyOfferMayHaveEnded', [step.mayHaveEnded])}
          </p>
        )}
      </>
    );
  }
  const who =
    step.id === 'credit-report'
      ? t('stepCreditReportWith', [c.label])
      : step.id === 'identity-theft'
        ? t('stepIdentityTheftReport', [c.label])
        : t('stepContactVia', [c.label]);
  return (
    <>
      <p class="step-contact">
        {c.url ? (
          <a href={c.url} target="_blank" rel="noopener noreferrer">
            {who}
          </a>
        ) : (
          who
        )}
        {c.phone && <PhoneLink phone={c.phone} />}
      </p>
      {step.mayHaveEnded && (
        <p class="step-contact" data-testid="hotline-may-have-ended">
          {t('stepHotlineMayHaveEnded', [step.mayHaveEnded])}
        </p>
      )}
      {c.email && <p class="step-contact">{t('stepForwardEmail', [c.email])}</p>}
      {c.textNumber && <p class="step-contact">{t('stepForwardText', [c.textNumber])}</p>}
      {step.companyCountryUnknown && (
        <p class="step-contact" data-testid="company-country-unknown">
          {t('stepRegulatorCountryUnknown')}
        </p>
      )}
      {step.also && (
        <p class="step-contact" data-testid="company-regulator">
          {step.also.url ? (
            <a href={step.also.url} target="_blank" rel="noopener noreferrer">
              {t('stepRegulatorAlso', [step.also.label])}
            </a>
          ) : (
            t('stepRegulatorAlso', [step.also.label])
          )}
          {step.also.phone && <> · {step.also.phone}</>}
        </p>
      )}
    </>
  );
}

/** " · 0300 123 2040" as a tel: link (digits only in the link, spaced as published in the text). */
function PhoneLink({ phone }: { phone: string }) {
  return (
    <>
      {' · '}
      <a href={`tel:${phone.replace(/\s+/g, '')}`} class="phone">
        {phone}
      </a>
    </>
  );
}
