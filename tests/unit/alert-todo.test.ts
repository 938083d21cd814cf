import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/core/alert-bookkeeping';
import { alertTodo, orderTodos, summariseTodos } from '../../src/core/alert-todo';
import type { Breach } from '../../src/core/dataset-schema';
import { protectiveSteps, type RegionContacts } from '../../src/core/protective-steps';

const dataset = JSON.parse(readFileSync('data/generated/dataset.json', 'utf8')) as { breaches: Breach[] };
const region = (
  JSON.parse(readFileSync('data/generated/help-contacts.json', 'utf8')) as Record<string, RegionContacts>
)['GB-EAW']!;
const NOW = Date.UTC(2026, 10, 25);
const byId = (id: string) => dataset.breaches.find((b) => b.id === id)!;
const alert = (site: string, breachId: string, over: Partial<Alert> = {}): Alert => ({
  id: `${site}|${breachId}`,
  site,
  breachId,
  firstSeen: 1,
  lastSeen: 1,
  visits: 1,
  state: 'new',
  ...over,
});
const todo = (a: Alert, ticked: string[] = [], notCustomer = false) => {
  const breach = byId(a.breachId);
  return alertTodo(
    { alert: a, breach, steps: protectiveSteps(breach, region, a.site, undefined, NOW), ticked, notCustomer },
    NOW,
  );
};

describe('an alert as a to-do', () => {
  it('needs action while a recent breach took passwords or usable cards and those steps are open', () => {
    const dropbox = alert('dropbox.com', 'dropbox-sign-2024');
    expect(todo(dropbox)).toMatchObject({ needsAction: true, alarm: 'recent', done: 0 });
    expect(todo(dropbox).urgent).toEqual(['Passwords', 'Auth tokens']);
    // Done with the password steps, marked done, or not a customer: no longer.
    expect(todo(dropbox, ['change-password', 'enable-2fa', 'password-manager']).needsAction).toBe(false);
    expect(todo({ ...dropbox, state: 'done' }).needsAction).toBe(false);
    expect(todo(dropbox, [], true).needsAction).toBe(false);
    // Co-op took neither; Debenhams Flowers took both, but in 2017.
    expect(todo(alert('coop.co.uk', 'co-op-2025')).needsAction).toBe(false);
    expect(todo(alert('debenhamsflowers.com', 'debenhams-flowers-2017'))).toMatchObject({
      needsAction: false,
      alarm: 'old',
    });
  });

  it('counts tasks only (no advice) and the ticks among them', () => {
    const t = todo(alert('coop.co.uk', 'co-op-2025'), ['phishing', 'report-fraud']);
    expect([t.done, t.tasks]).toEqual([1, 3]);
  });

  it('orders what needs doing first, and sums the rest up', () => {
    const todos = [
      todo(alert('debenhamsflowers.com', 'debenhams-flowers-2017', { state: 'reviewed', lastSeen: 9 })),
      todo(alert('coop.co.uk', 'co-op-2025', { lastSeen: 5 })),
      todo(alert('adidas.co.uk', 'adidas-2025', { state: 'dismissed', lastSeen: 10 })),
      todo(alert('dropbox.com', 'dropbox-sign-2024', { lastSeen: 1 })),
      todo(alert('marksandspencer.com', 'marks-and-spencer-2025', { state: 'done', lastSeen: 8 })),
    ];
    expect(orderTodos(todos).map((t) => t.alert.site)).toEqual([
      'dropbox.com',
      'coop.co.uk',
      'debenhamsflowers.com',
      'marksandspencer.com',
      'adidas.co.uk',
    ]);
    // A site's breaches stay together, after its most pressing one.
    const linkedin = [
      todo(alert('linkedin.com', 'hibp-linkedin', { state: 'done', lastSeen: 20 })),
      todo(alert('linkedin.com', 'hibp-linkedinscrape', { lastSeen: 3 })),
    ];
    expect(orderTodos([...todos, ...linkedin]).map((t) => t.alert.id)).toEqual([
      'dropbox.com|dropbox-sign-2024',
      'coop.co.uk|co-op-2025',
      'linkedin.com|hibp-linkedinscrape',
      'linkedin.com|hibp-linkedin',
      'debenhamsflowers.com|debenhams-flowers-2017',
      'marksandspencer.com|marks-and-spencer-2025',
      'adidas.co.uk|adidas-2025',
    ]);
    const s = summariseTodos(todos);
    expect(s.sites).toBe(4); // the dismissed one is left out
    expect(s.needsAction.map((t) => t.alert.site)).toEqual(['dropbox.com']);
  });
});
