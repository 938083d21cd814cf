import browser from 'webextension-polyfill';
import type messages from '../_locales/en/messages.json';

/** Every message name in _locales/en: a typo is a compile error. */
export type MessageKey = keyof typeof messages;

/** A translator: pages and the worker get browser.i18n's, tests hand in their own. */
export type Translate = (key: MessageKey, substitutions?: readonly (string | number)[]) => string;

/** Looks a message up through browser.i18n; falls back to the key so a missing one is visible, not blank. */
export const browserTranslate: Translate = (key, substitutions) =>
  browser.i18n.getMessage(key, substitutions?.map(String)) || key;
