// Welcome page entry (opened once, on install; later from the alerts page and settings as #check): what the
// extension does, two settings to confirm, and the history check (issue #13). Everything goes through the worker.
import { render } from 'preact';
import { browser } from '../shared/page-browser';
import { translateWith } from '../shared/i18n';
import { send } from '../shared/send-message';
import { WelcomeApp } from './WelcomeApp';
import './welcome.css';

const translate = translateWith(browser.i18n);

const HISTORY = { permissions: ['history' as const] };

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = translate('welcomeTitle');
render(
  <WelcomeApp
    send={send}
    t={translate}
    // Must run in the click's own task: the browser asks only in answer to a person's gesture.
    requestHistory={() => browser.permissions.request(HISTORY)}
    hasHistory={() => browser.permissions.contains(HISTORY)}
    alertsUrl={browser.runtime.getURL('src/alerts/index.html')}
    optionsUrl={browser.runtime.getURL('src/options/index.html')}
    focusCheck={location.hash === '#check'}
  />,
  document.getElementById('app')!,
);
