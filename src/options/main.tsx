// Options page entry: settings and the data status go through the worker's messages.
import { render } from 'preact';
import { browser } from '../shared/page-browser';
import { BREACHES_HOST_PERMISSION } from '../shared/hibp-endpoint';
import { translateWith } from '../shared/i18n';
import { send } from '../shared/send-message';
import { OptionsApp } from './OptionsApp';
import '../shared/theme.css';

const translate = translateWith(browser.i18n);

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = translate('optionsTitle');
render(
  <OptionsApp
    send={send}
    t={translate}
    requestNotifications={() => browser.permissions.request({ permissions: ['notifications'] })}
    requestHostPermission={() => browser.permissions.request({ origins: [BREACHES_HOST_PERMISSION] })}
    alertsUrl={browser.runtime.getURL('src/alerts/index.html')}
    privacyUrl={browser.runtime.getURL('PRIVACY.md')}
    historyCheckUrl={browser.runtime.getURL('src/welcome/index.html#check')}
    hasHistory={() => browser.permissions.contains({ permissions: ['history'] })}
  />,
  document.getElementById('app')!,
);
