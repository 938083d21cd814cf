import { useEffect, useState } from 'preact/hooks';
import type { Lookup } from '../core/breach-index';
import type { BreachLoadFailure } from '../core/breach-details';
import type { Breach, Dataset } from '../core/dataset-schema';
import { alertId } from '../core/alert-bookkeeping';
import type { RegionBasis, RegionCode } from '../core/help-region';
import { breachSiteFor, type RegionContacts, type StepId } from '../core/protective-steps';
import type { Translate } from '../shared/i18n';
import { withTick, type Progress, type ProgressStore } from '../shared/progress';
import type { SiteHistoryAnswer } from '../shared/messages';
import { historyNote } from '../shared/history-text';
import { PopupView } from './PopupView';

export interface PopupAppProps {
  result: Lookup<Breach>;
  /** Breaches the site has whose details could not be read: shown by title with the reason. */
  failed?: readonly BreachLoadFailure[];
  /** Ticks read while the details were read, so the first render already shows them. */
  initialProgress?: Record<string, Progress>;
  dataset: Pick<Dataset, 'dataDate' | 'counts'>;
  region: RegionContacts;
  /** Every region's contacts, the region decided on the device, and how to store a new choice. */
  regions?: Readonly<Record<string, RegionContacts>>;
  regionDecision?: { code: RegionCode; basis: RegionBasis };
  saveRegion?: (code: RegionCode) => Promise<unknown>;
  /** Every region's contacts, when `regions` holds only those the answer needed: read when another is picked. */
  loadRegions?: () => Promise<Readonly<Record<string, RegionContacts>>>;
  store: ProgressStore;
  t: Translate;
  /** Tells the worker these alerts were seen (new → reviewed); the popup's own page leaves it out in tests. */
  markSeen?: (alertIds: string[]) => Promise<unknown>;
  /**
   * `open` (from the toolbar): seen as soon as shown. `interaction` (opened with ?url=, which any extension can
   * do): seen only after a click or a key press in the popup.
   */
  markSeenOn?: 'open' | 'interaction';
  links?: { alerts: string; options: string; history?: string };
  /** Sites of the breaches shown that the person muted, and how to unmute one (the worker re-badges the tab). */
  muted?: readonly string[];
  unmute?: (site: string) => Promise<unknown>;
  /** Whether alerts of sensitive breaches are stored, so the card says what is kept. */
  recordSensitive?: boolean;
  /** What the person's history says of this site (issue #13): asked after the first card is shown. */
  historyOf?: () => Promise<SiteHistoryAnswer>;
}

/** The popup's one state owner: the progress of each breach shown, loaded from and saved to storage. */
export function PopupApp(props: PopupAppProps) {
  const { result, failed = [], initialProgress, dataset, store, t, markSeen, links, saveRegion } = props;
  const [decision, setDecision] = useState(props.regionDecision);
  const [regions, setRegions] = useState(props.regions);
  const region = (decision && regions?.[decision.code]) || props.region;
  const [progress, setProgress] = useState<Record<string, Progress>>(initialProgress ?? {});
  const [muted, setMuted] = useState<readonly string[]>(props.muted ?? []);
  const [status, setStatus] = useState('');
  const [history, setHistory] = useState<{ answer: SiteHistoryAnswer; notes: Record<string, string> }>();
  const ids = result.status === 'ok' ? result.breaches.map((b) => b.id) : [];

  useEffect(() => {
    if (initialProgress) return;
    let live = true;
    Promise.all(ids.map(async (id) => [id, await store.getProgress(id)] as const)).then((entries) => {
      if (live) setProgress(Object.fromEntries(entries));
    });
    return () => {
      live = false;
    };
  }, [ids.join(',')]);

  useEffect(() => {
    if (result.status !== 'ok' || !markSeen) return;
    const seen = result.breaches.map((b) => alertId(breachSiteFor(b.domains, result.host), b.id));
    if (!seen.length) return;
    const mark = () => void markSeen(seen).catch(() => undefined); // the worker re-badges the tab
    if (props.markSeenOn !== 'interaction') {
      mark();
      return;
    }
    // Opened by URL (a page of ours, or any other extension): only a person's click or key marks them seen.
    const once = () => {
      document.removeEventListener('pointerdown', once);
      document.removeEventListener('keydown', once);
      mark();
    };
    document.addEventListener('pointerdown', once);
    document.addEventListener('keydown', once);
    return () => {
      document.removeEventListener('pointerdown', once);
      document.removeEventListener('keydown', once);
    };
  }, [ids.join(',')]);

  // After the first card: the history's answer adds a line to each card and never delays the verdict.
  useEffect(() => {
    if (result.status !== 'ok' || !result.breaches.length || !props.historyOf) return;
    let live = true;
    props.historyOf().then(
      (answer) =>
        live &&
        setHistory({
          answer,
          notes: Object.fromEntries(answer.findings.map((f) => [f.breachId, historyNote(f, t)])),
        }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [ids.join(',')]);

  const save = (breachId: string, change: (p: Progress) => Progress) => {
    store.updateProgress(breachId, change).then((next) => setProgress((all) => ({ ...all, [breachId]: next })));
  };

  return (
    <PopupView
      result={result}
      failed={failed}
      dataset={dataset}
      region={region}
      regions={regions}
      regionChoice={
        decision && {
          ...decision,
          onChange: (code) => {
            const choose = () => setDecision({ code, basis: 'chosen' });
            if (regions?.[code] || !props.loadRegions) choose();
            else
              props.loadRegions().then((all) => {
                setRegions({ ...all, ...regions });
                choose();
              }, choose);
            saveRegion?.(code).catch(() => undefined);
          },
        }
      }
      progress={progress}
      t={t}
      onToggleStep={(breachId, stepId: StepId, done) => save(breachId, (p) => withTick(p, stepId, done))}
      onNotCustomer={(breachId, notCustomer) => save(breachId, (p) => ({ ...p, notCustomer, notCustomerChosen: true }))}
      history={history?.answer}
      historyNotes={history?.notes}
      links={links}
      muted={muted}
      onUnmute={
        props.unmute &&
        ((site) =>
          void props.unmute!(site).then(
            () => {
              setMuted((m) => m.filter((s) => s !== site));
              setStatus(t('popupUnmuted', [site]));
            },
            (e: unknown) => setStatus((e as Error).message || String(e)),
          ))
      }
      status={status}
      recordSensitive={props.recordSensitive ?? false}
    />
  );
}
