// Popup entry: reads which URL to show (?url= or the active tab), looks it up, renders.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import datasetJson from '../../data/generated/dataset.json';
import { buildBreachIndex, lookupUrl } from '../core/breach-index';
import type { Dataset } from '../core/dataset-schema';
import { browserTranslate } from '../shared/i18n';
import { PopupView } from './PopupView';
import './popup.css';

// Validated by the data build (npm run data:build); JSON imports widen its literal types.
const dataset = datasetJson as Dataset;

async function targetUrl(): Promise<string | undefined> {
  const fromQuery = new URLSearchParams(location.search).get('url');
  if (fromQuery !== null) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url;
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  document.documentElement.lang = browser.i18n.getUILanguage();
  const url = await targetUrl();
  const index = buildBreachIndex(dataset.breaches, dataset.publicSuffixes);
  const result = lookupUrl(index, url ?? '');
  render(<PopupView result={result} dataset={dataset} t={browserTranslate} />, root);
}

void main();
