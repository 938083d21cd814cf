import type { Alert, AlertState } from './alert-bookkeeping';
import { breachAlarm, type Alarm } from './breach-urgency';
import { CREDENTIAL_CLASSES, USABLE_PAYMENT_CLASSES } from './data-class-groups';
import type { Breach } from './dataset-schema';
import { splitSteps, type ProtectiveStep } from './protective-steps';

// The alerts page as a to-do list (issue #16): for each alert, how far the person is through its breach's steps
// and whether it needs action now; the order puts what needs doing first. Pure: the page hands in the steps.

/** A breach needs action now while its card or password steps are open: usable card data or passwords taken. */
const URGENT_CLASSES = new Set([...USABLE_PAYMENT_CLASSES, ...CREDENTIAL_CLASSES]);

export interface AlertTodo {
  alert: Alert;
  /** The breach's details, when the data in use still has them. */
  breach?: Breach | undefined;
  alarm: Alarm;
  /** The breach's steps, as handed in: the card opened in place shows these. */
  steps: readonly ProtectiveStep[];
  tasks: number;
  done: number;
  /** Usable card data or passwords taken, a recent breach, and the steps for them not all done. */
  needsAction: boolean;
  /** The urgent data taken, for the summary: "Debenhams Flowers (card details)". */
  urgent: string[];
}

export interface TodoInput {
  alert: Alert;
  breach?: Breach | undefined;
  steps: readonly ProtectiveStep[];
  ticked: readonly string[];
  notCustomer: boolean;
}

export function alertTodo({ alert, breach, steps, ticked, notCustomer }: TodoInput, now: number): AlertTodo {
  const { tasks } = splitSteps(steps);
  const done = tasks.filter((s) => ticked.includes(s.id)).length;
  const alarm = breach ? breachAlarm(breach, now) : 'old';
  const notExposed = new Set(breach?.notExposed ?? []);
  const urgent = (breach?.dataClasses ?? []).filter((c) => URGENT_CLASSES.has(c) && !notExposed.has(c));
  const urgentOpen = tasks.some((s) => s.because.some((c) => URGENT_CLASSES.has(c)) && !ticked.includes(s.id));
  const closed = alert.state === 'done' || alert.state === 'dismissed' || notCustomer;
  return {
    alert,
    breach,
    alarm,
    steps,
    tasks: tasks.length,
    done,
    needsAction: !closed && alarm === 'recent' && urgent.length > 0 && urgentOpen,
    urgent,
  };
}

const STATE_RANK: Record<AlertState, number> = { new: 1, reviewed: 2, done: 3, dismissed: 4 };

/**
 * What needs doing first: needs action now, then new, then reviewed, then done, dismissed last; recent breaches
 * before old ones; then the most recently visited. A site's other alerts follow its first (most pressing) one.
 */
export function orderTodos(todos: readonly AlertTodo[]): AlertTodo[] {
  const rank = (t: AlertTodo) => (t.needsAction ? 0 : STATE_RANK[t.alert.state]);
  const sorted = [...todos].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Number(b.alarm === 'recent') - Number(a.alarm === 'recent') ||
      b.alert.lastSeen - a.alert.lastSeen ||
      a.alert.site.localeCompare(b.alert.site),
  );
  const bySite = new Map<string, AlertTodo[]>();
  for (const t of sorted) {
    const group = bySite.get(t.alert.site);
    if (group) group.push(t);
    else bySite.set(t.alert.site, [t]);
  }
  return [...bySite.values()].flat();
}

export interface TodoSummary {
  sites: number;
  needsAction: AlertTodo[];
  tasks: number;
  done: number;
}

/** The summary line's figures: sites, the alerts that need action now, and steps done out of all steps. */
export function summariseTodos(todos: readonly AlertTodo[]): TodoSummary {
  const open = todos.filter((t) => t.alert.state !== 'dismissed');
  return {
    sites: new Set(open.map((t) => t.alert.site)).size,
    needsAction: open.filter((t) => t.needsAction),
    tasks: open.reduce((n, t) => n + t.tasks, 0),
    done: open.reduce((n, t) => n + t.done, 0),
  };
}
