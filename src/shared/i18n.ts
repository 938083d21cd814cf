import type Browser from 'webextension-polyfill';
import type messages from '../_locales/en/messages.json';

/** Every message name in _locales/en: a typo is a compile error. */
export type MessageKey = keyof typeof messages;

/** A translator: pages and the worker make one from browser.i18n, tests hand in their own. */
export type Translate = (key: MessageKey, substitutions?: readonly (string | number)[]) => string;

/**
 * A translator that looks messages up through `i18n` (the page's or the worker's browser.i18n); it falls back to the
 * key, so a missing message is visible, not blank.
 */
export const translateWith =
  (i18n: Pick<Browser.I18n.Static, 'getMessage'>): Translate =>
  (key, substitutions) =>
    i18n.getMessage(key, substitutions?.map(String)) || key;
