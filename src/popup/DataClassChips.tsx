import { groupDataClasses, type RiskGroup } from '../core/data-class-groups';
import type { MessageKey, Translate } from '../shared/i18n';
import { GroupIcon } from './GroupIcon';

export const GROUP_LABEL: Record<RiskGroup, MessageKey> = {
  credentials: 'groupCredentials',
  financial: 'groupFinancial',
  identity: 'groupIdentity',
  contact: 'groupContact',
  other: 'groupOther',
};

/** Exposed data classes as chips, grouped by risk, most severe first. */
export function ExposedChips({ dataClasses, t }: { dataClasses: readonly string[]; t: Translate }) {
  return (
    <div class="groups" data-testid="exposed">
      {groupDataClasses(dataClasses).map(({ group, classes }) => (
        <div key={group} class={`group group--${group}`} data-group={group}>
          <span class="group-label">
            <GroupIcon group={group} />
            {t(GROUP_LABEL[group])}
          </span>
          <ul class="chips" aria-label={t(GROUP_LABEL[group])}>
            {classes.map((c) => (
              <li key={c} class="chip chip--exposed">
                {c}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

/** What the company said was not taken. */
export function NotExposedChips({ classes, t }: { classes: readonly string[]; t: Translate }) {
  return (
    <ul class="chips" data-testid="not-exposed" aria-label={t('breachNotExposedHeading')}>
      {classes.map((c) => (
        <li key={c} class="chip chip--safe">
          <span aria-hidden="true">✓ </span>
          {c}
        </li>
      ))}
    </ul>
  );
}
