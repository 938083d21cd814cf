// Alerts page entry: everything it does goes through the worker's messages.
import { render } from 'preact';
import { browser } from '../shared/page-browser';
import { translateWith } from '../shared/i18n';
import { send } from '../shared/send-message';
import { AlertsApp } from './AlertsApp';
import contacts from '@generated/help-contacts.json';
import type { RegionContacts } from '../core/protective-steps';
import '../popup/popup.css';
import './alerts.css';

const translate = translateWith(browser.i18n);

// Asked first, so the worker reads the alerts while the page renders its frame (issue #16: first row quickly).
const firstOverview = send('alerts/overview', {
  languages: [...navigator.languages],
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
});
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = translate('alertsTitle');
render(
  <AlertsApp
    send={send}
    t={translate}
    popupUrl={(site) => browser.runtime.getURL(`src/popup/index.html?url=${encodeURIComponent(`https://${site}/`)}`)}
    regions={contacts as Record<string, RegionContacts>}
    historyCheckUrl={browser.runtime.getURL('src/welcome/index.html#check')}
    firstOverview={firstOverview}
  />,
  document.getElementById('app')!,
);
