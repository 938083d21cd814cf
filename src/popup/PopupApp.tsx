import { useEffect, useState } from 'preact/hooks';
import type { Lookup } from '../core/breach-index';
import type { Breach, Dataset } from '../core/dataset-schema';
import type { RegionContacts, StepId } from '../core/protective-steps';
import type { Translate } from '../shared/i18n';
import type { Progress, Store } from '../shared/storage';
import { PopupView } from './PopupView';

export interface PopupAppProps {
  result: Lookup<Breach>;
  dataset: Pick<Dataset, 'dataDate' | 'counts'>;
  region: RegionContacts;
  store: Store;
  t: Translate;
}

/** The popup's one state owner: the progress of each breach shown, loaded from and saved to storage. */
export function PopupApp({ result, dataset, region, store, t }: PopupAppProps) {
  const [progress, setProgress] = useState<Record<string, Progress>>({});
  const ids = result.status === 'ok' ? result.breaches.map((b) => b.id) : [];

  useEffect(() => {
    let live = true;
    Promise.all(ids.map(async (id) => [id, await store.getProgress(id)] as const)).then((entries) => {
      if (live) setProgress(Object.fromEntries(entries));
    });
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
      dataset={dataset}
      region={region}
      progress={progress}
      t={t}
      onToggleStep={(breachId, stepId: StepId, done) =>
        save(breachId, (p) => ({
          ...p,
          ticked: done ? [...new Set([...p.ticked, stepId])] : p.ticked.filter((s) => s !== stepId),
        }))
      }
      onNotCustomer={(breachId, notCustomer) => save(breachId, (p) => ({ ...p, notCustomer }))}
    />
  );
}
