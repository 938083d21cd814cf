import type { Breach } from '../core/dataset-schema';
import { formatCount, formatPartialDate } from '../core/format-date';
import type { Translate } from '../shared/i18n';

/** One breach: what happened, when, to how many people, and what data. */
export function BreachCard({ breach, t }: { breach: Breach; t: Translate }) {
  const when = [
    t('breachBreached', [formatPartialDate(breach.breachDate)]),
    breach.disclosedDate ? t('breachDisclosed', [formatPartialDate(breach.disclosedDate)]) : null,
    !breach.disclosedDate && breach.addedDate ? t('breachAddedToHibp', [formatPartialDate(breach.addedDate)]) : null,
  ]
    .filter(Boolean)
    .join(', ');
  const people =
    breach.affectedText ??
    (breach.affectedCount !== null
      ? t('breachPeopleCount', [formatCount(breach.affectedCount)])
      : t('breachPeopleUnknown'));
  return (
    <article class="breach" data-breach-id={breach.id} aria-labelledby={`title-${breach.id}`}>
      <h3 id={`title-${breach.id}`}>{breach.title}</h3>
      <dl class="facts">
        <dt>{t('breachWhen')}</dt>
        <dd>{when}</dd>
        <dt>{t('breachPeople')}</dt>
        <dd>{people}</dd>
      </dl>
      {breach.thirdParty && (
        <p class="third-party">{t('breachThirdParty', [breach.thirdParty.name, breach.thirdParty.role])}</p>
      )}
      <h4>{t('breachExposed')}</h4>
      <ul class="chips" data-testid="exposed">
        {breach.dataClasses.map((c) => (
          <li key={c} class="chip chip--exposed">
            {c}
          </li>
        ))}
      </ul>
      {breach.notExposed.length > 0 && (
        <>
          <h4>{t('breachNotExposed')}</h4>
          <ul class="chips" data-testid="not-exposed">
            {breach.notExposed.map((c) => (
              <li key={c} class="chip chip--safe">
                {c}
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="description">{breach.description}</p>
      <h4>{t('breachSources')}</h4>
      <ul class="sources">
        {breach.sources.map((s) => (
          <li key={s.url}>
            <a href={s.url} target="_blank" rel="noopener noreferrer">
              {s.title}
            </a>
            {s.publisher ? ` (${s.publisher}${s.date ? `, ${formatPartialDate(s.date)}` : ''})` : ''}
          </li>
        ))}
      </ul>
    </article>
  );
}
