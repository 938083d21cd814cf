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
  'company-hotline': ['stepCompanyHotline', 'stepCompanyHotlineWhy'],
  'company-offer': ['stepCompanyOffer', 'stepCompanyOfferWhy'],
  'report-fraud': ['stepReportFraud', 'stepReportFraudWhy'],
  'complain-regulator': ['stepComplainRegulator', 'stepComplainRegulatorWhy'],
};
const URGENCY_TEXT: Record<Urgency, MessageKey> = { now: 'urgencyNow', soon: 'urgencySoon', ongoing: 'urgencyOngoing' };

export interface StepsChecklistProps {
  breachId: string;
  steps: ProtectiveStep[];
  ticked: readonly string[];
  onToggle: (stepId: StepId, done: boolean) => void;
  t: Translate;
}

/** The protective steps as a checklist; ticking one is remembered per breach. */
export function StepsChecklist({ breachId, steps, ticked, onToggle, t }: StepsChecklistProps) {
  const done = steps.filter((s) => ticked.includes(s.id)).length;
  return (
    <div class="steps">
      <p class="steps-progress" aria-live="polite">
        {t('stepsProgress', [done, steps.length])}
      </p>
      <ol class="steps-list" data-testid="steps">
        {steps.map((step) => {
          const id = `step-${breachId}-${step.id}`;
          const [title, why] = STEP_TEXT[step.id];
          const titleText = step.since ? t('stepChangePasswordSince', [formatPartialDate(step.since)]) : t(title);
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
                  <span class={`urgency urgency--${step.urgency}`}>{t(URGENCY_TEXT[step.urgency])}</span> {titleText}
                </label>
                <p class="step-why" id={`${id}-why`}>
                  {t(why)}
                  {step.because.length > 0 && <> {t('stepBecause', [step.because.join(', ')])}</>}
                </p>
                <StepContact step={step} t={t} />
              </div>
            </li>
          );
        })}
      </ol>
    </div>
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
      <p class="step-contact" data-testid="offer">
        {c.label}
        {c.deadline && <> {t('stepCompanyOfferDeadline', [formatPartialDate(c.deadline)])}</>}
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
