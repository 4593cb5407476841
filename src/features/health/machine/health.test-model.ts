/** The health machine's test model and its data. */
import type { SnapshotFrom } from 'xstate';
import type { Checkup, CheckupList, MedicationList, Trend } from '../../../machines/ports';
import { done, fail, phoneSendCases, platformErrors } from '../../../machines/testing/fixtures';
import { serializedWith, type ModelSpec } from '../../../machines/testing/model';
import { healthMachine } from './health.machine';

type Snapshot = SnapshotFrom<typeof healthMachine>;

export const checkupList: CheckupList = {
  checkups: [
    { id: 'ck-2024', date: '2024-06-12', institution: 'みどり市健診センター', overallJudgement: 'B' },
  ],
};
export const checkup: Checkup = {
  ...checkupList.checkups[0]!,
  items: [
    {
      code: '3D046',
      name: 'HbA1c（NGSP）',
      value: 5.9,
      unit: '%',
      referenceRange: { high: 5.5, text: '5.5 以下' },
      judgement: 'C',
    },
  ],
};
export const trend: Trend = {
  code: '3D046',
  name: 'HbA1c（NGSP）',
  unit: '%',
  referenceRange: { high: 5.5, text: '5.5 以下' },
  points: [{ checkupId: 'ck-2024', date: '2024-06-12', value: 5.9, judgement: 'C' }],
};
export const medications: MedicationList = {
  medications: [
    {
      id: 'rx-1',
      dispensedOn: '2024-07-01',
      drugName: 'メトホルミン錠',
      dose: '1回1錠 1日2回 朝夕食後',
      days: 28,
      pharmacy: 'みどり薬局',
    },
  ],
};

const errors = [platformErrors.unavailable(), platformErrors.sessionExpired()];

export const healthSpec: ModelSpec<typeof healthMachine> = {
  machine: healthMachine,
  promiseActors: ['loadCheckups', 'loadCheckup', 'loadTrend', 'loadMedications', 'sendToPhone'],
  events: [
    ...phoneSendCases('checkup'),
    { type: 'OK' },
    { type: 'SELECT', id: 'ck-2024' },
    { type: 'SELECT', id: '3D046' },
    { type: 'MEDICATIONS' },
    { type: 'BACK' },
    { type: 'RETRY' },
    done('loadCheckups', checkupList),
    done('loadCheckups', { checkups: [] }),
    done('loadCheckup', checkup),
    done('loadTrend', trend),
    done('loadTrend', { ...trend, points: [] }),
    done('loadMedications', medications),
    done('loadMedications', { medications: [] }),
    ...['loadCheckups', 'loadCheckup', 'loadTrend', 'loadMedications'].flatMap((id) =>
      errors.map((error) => fail(id, error)),
    ),
  ],
  serialize: serializedWith((c: Snapshot['context']) => ({
    checkups: c.checkups?.length,
    checkupId: c.checkupId,
    checkup: c.checkup?.id,
    itemCode: c.itemCode,
    trend: c.trend?.points.length,
    medications: c.medications?.length,
    error: c.error?.messageKey,
  })),
};
