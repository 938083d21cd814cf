// A person's progress through one breach's steps: what they ticked, and whether they said they were not a
// customer then. Apart from storage.ts so that a page can use the shape without loading the storage module.

export interface Progress {
  ticked: string[];
  notCustomer: boolean;
  /** The person set "not a customer" themselves; until then the history's verdict may tick it (history-verdict.ts). */
  notCustomerChosen?: boolean | undefined;
}

export const EMPTY_PROGRESS: Progress = { ticked: [], notCustomer: false };

/** What a page needs to show and change progress: the storage module, or messages to the worker. */
export interface ProgressStore {
  getProgress(breachId: string): Promise<Progress>;
  updateProgress(breachId: string, change: (p: Progress) => Progress): Promise<Progress>;
}

/** The progress with one step ticked (`done`) or unticked: the popup and the alerts page change it alike. */
export function withTick(p: Progress, stepId: string, done: boolean): Progress {
  return { ...p, ticked: done ? [...new Set([...p.ticked, stepId])] : p.ticked.filter((s) => s !== stepId) };
}
