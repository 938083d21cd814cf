import type { FamilyKind } from '../core/domain-families';
import type { MessageKey } from './i18n';

/** The one line that says why a breach concerns a family domain, for the popup's card and the alerts page. */
export const MATCHED_TEXT: Record<FamilyKind, MessageKey> = {
  renamed: 'breachMatchedRenamed',
  'signs-in-with': 'breachMatchedSignsInWith',
  shared: 'breachMatchedShared',
  'same-breach': 'breachMatchedSameBreach',
};
