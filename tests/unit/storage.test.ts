import { describe, expect, it } from 'vitest';
import { createStore, SCHEMA_VERSION } from '../../src/shared/storage';

import { memoryArea } from '../fixtures/memory-storage';
const quiet = { warn: () => undefined };

describe('storage', () => {
  it('returns empty progress for a breach never seen', async () => {
    const store = createStore(memoryArea(), quiet);
    expect(await store.getProgress('x')).toEqual({ ticked: [], notCustomer: false });
  });

  it('loses no tick when many are saved at once', async () => {
    const area = memoryArea();
    const store = createStore(area, quiet);
    const steps = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    await Promise.all(steps.map((s) => store.updateProgress('x', (p) => ({ ...p, ticked: [...p.ticked, s] }))));
    expect((await store.getProgress('x')).ticked.sort()).toEqual(steps);
  });

  it('sets a corrupt value aside with its reason and carries on', async () => {
    const warnings: string[] = [];
    const area = memoryArea({ 'progress:x': { ticked: 'oops', notCustomer: 3 } });
    const store = createStore(area, { warn: (m) => warnings.push(m) });
    expect(await store.getProgress('x')).toEqual({ ticked: [], notCustomer: false });
    expect(area.data['corrupt:progress:x']).toMatchObject({ value: { ticked: 'oops', notCustomer: 3 } });
    expect(warnings[0]).toContain('progress:x');
  });

  it('never lets a repair by a plain read delete a good value written at the same time', async () => {
    const { createStore: make } = await import('../../src/shared/storage');
    for (let round = 0; round < 20; round++) {
      const area = memoryArea({ 'alert:a.example|x': { id: 'a.example|x', visits: 'corrupt' } });
      const store = make(area, quiet);
      const good = {
        id: 'a.example|x',
        site: 'a.example',
        breachId: 'x',
        firstSeen: 1,
        lastSeen: 1,
        visits: 1,
        state: 'new' as const,
      };
      // A reader (the re-badge) and a writer (the visit) race on one corrupt key.
      await Promise.all([
        store.getAlert('a.example|x'),
        store.updateAlert('a.example|x', () => good),
        store.listAlerts(),
      ]);
      expect(area.data['alert:a.example|x']).toEqual(good);
      expect(area.data['corrupt:alert:a.example|x']).toBeDefined();
    }
  });

  it('stamps the schema version and leaves a newer one alone', async () => {
    const area = memoryArea();
    await createStore(area, quiet).migrate();
    expect(area.data.meta).toEqual({ schemaVersion: SCHEMA_VERSION });
    const newer = memoryArea({ meta: { schemaVersion: SCHEMA_VERSION + 1 } });
    await createStore(newer, quiet).migrate();
    expect(newer.data.meta).toEqual({ schemaVersion: SCHEMA_VERSION + 1 });
  });
});
