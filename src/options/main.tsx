// Options page entry: settings go through the worker's messages; dataset facts come from the bundled summary.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import summary from '@generated/dataset-summary.json';
import { browserTranslate } from '../shared/i18n';
import { send } from '../shared/send-message';
import { OptionsApp } from './OptionsApp';
import '../shared/theme.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browserTranslate('optionsTitle');
render(
  <OptionsApp
    send={send}
    t={browserTranslate}
    dataset={{ dataDate: summary.dataDate, counts: summary.counts }}
    requestNotifications={() => browser.permissions.request({ permissions: ['notifications'] })}
    alertsUrl={browser.runtime.getURL('src/alerts/index.html')}
  />,
  document.getElementById('app')!,
);
