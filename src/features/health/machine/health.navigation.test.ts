/** Health screens: where BACK and RETRY lead from each screen, and what the flow forgets on the way. */
import type { Checkup } from '../../../machines/ports';
import { done, fail, platformErrors } from '../../../machines/testing/fixtures';
import { startFlow } from '../../../machines/testing/flow-run';
import { checkup, checkupList, healthSpec, medications, trend } from './health.test-model';

const select = (id: string) => ({ type: 'SELECT', id });
const BACK = { type: 'BACK' };

/** The checkup with a second item, whose history the viewer may open too. */
const twoItems: Checkup = {
  ...checkup,
  items: [
    ...checkup.items,
    {
      code: '3F015',
      name: '中性脂肪',
      value: 120,
      unit: 'mg/dL',
      judgement: 'A',
    } as Checkup['items'][number],
  ],
};

async function atCheckup(loaded: Checkup = checkup) {
  const flow = await startFlow(healthSpec);
  await flow.send(done('loadCheckups', checkupList), select('ck-2024'), done('loadCheckup', loaded));
  return flow;
}

describe('the list', () => {
  test('any checkup on the list opens, not only the first', async () => {
    const flow = await startFlow(healthSpec);
    const older = { ...checkupList.checkups[0]!, id: 'ck-2023', date: '2023-06-14' };
    await flow.send(done('loadCheckups', { checkups: [...checkupList.checkups, older] }), select('ck-2023'));
    expect(flow.fakes.inputsOf('loadCheckup')).toEqual([{ checkupId: 'ck-2023' }]);
  });
});

describe('checkup and trend', () => {
  test('the trend of the item chosen; an item not on the checkup is ignored', async () => {
    const flow = await atCheckup(twoItems);
    await flow.send(select('9Z999'));
    expect(flow.snapshot().value).toEqual({ checkup: 'ready' });
    await flow.send(select('3F015'));
    expect(flow.fakes.inputsOf('loadTrend')).toEqual([{ itemCode: '3F015' }]);
    await flow.send(done('loadTrend', trend));
    expect(flow.snapshot().context.trend).toEqual(trend);
  });

  test('an item with no history shows the empty trend; BACK returns to the checkup, its trend forgotten', async () => {
    const flow = await atCheckup();
    await flow.send(select('3D046'), done('loadTrend', { ...trend, points: [] }));
    expect(flow.snapshot().value).toEqual({ trend: 'empty' });
    await flow.send(BACK);
    expect(flow.snapshot().value).toEqual({ checkup: 'ready' });
    expect(flow.snapshot().context.trend).toBeUndefined();
  });

  test('a checkup or a trend that failed to load is asked for again with RETRY', async () => {
    const flow = await startFlow(healthSpec);
    await flow.send(done('loadCheckups', checkupList), select('ck-2024'));
    await flow.send(fail('loadCheckup', platformErrors.network()), { type: 'RETRY' });
    expect(flow.fakes.inputsOf('loadCheckup')).toEqual([{ checkupId: 'ck-2024' }, { checkupId: 'ck-2024' }]);
    await flow.send(done('loadCheckup', checkup), select('3D046'));
    await flow.send(fail('loadTrend', platformErrors.unavailable()), { type: 'RETRY' });
    expect(flow.fakes.inputsOf('loadTrend')).toEqual([{ itemCode: '3D046' }, { itemCode: '3D046' }]);
  });

  test('BACK from a checkup goes to the list, which is not loaded again, and forgets the checkup', async () => {
    const flow = await atCheckup();
    await flow.send(BACK);
    expect(flow.snapshot().value).toEqual({ list: 'ready' });
    expect(flow.snapshot().context.checkup).toBeUndefined();
    expect(flow.fakes.inputsOf('loadCheckups')).toHaveLength(1);
  });
});

describe('medications', () => {
  test('the dispensed medicines; BACK to the list, the medicines forgotten', async () => {
    const flow = await startFlow(healthSpec);
    await flow.send(done('loadCheckups', checkupList), { type: 'MEDICATIONS' });
    await flow.send(done('loadMedications', medications));
    expect(flow.snapshot().value).toEqual({ medications: 'ready' });
    expect(flow.snapshot().context.medications).toEqual(medications.medications);
    await flow.send(BACK);
    expect(flow.snapshot().value).toEqual({ list: 'ready' });
    expect(flow.snapshot().context.medications).toBeUndefined();
  });

  test('with no checkups on record, BACK from the medicines shows the empty list again without asking', async () => {
    const flow = await startFlow(healthSpec);
    await flow.send(done('loadCheckups', { checkups: [] }), { type: 'MEDICATIONS' });
    await flow.send(done('loadMedications', medications), BACK);
    expect(flow.snapshot().value).toEqual({ list: 'empty' });
    expect(flow.fakes.inputsOf('loadCheckups')).toHaveLength(1);
  });
});

describe('closing', () => {
  test('BACK at the list closes the flow, and nothing of the records stays', async () => {
    const flow = await atCheckup();
    await flow.send(BACK, BACK);
    expect(flow.snapshot().output).toEqual({ outcome: 'closed' });
    const persisted = JSON.stringify(flow.actor.getPersistedSnapshot());
    for (const record of ['HbA1c', 'みどり市健診センター']) expect(persisted).not.toContain(record);
  });
});
