/** The secret entry's test models, one per kind: every event case the graph may take, and the state. */
import type { AnyEventObject, SnapshotFrom } from 'xstate';
import { PASSWORD_MIN, PIN_LENGTH } from '../../../machines/entry';
import { cardErrors, done, fail, pinStatus } from '../../../machines/testing/fixtures';
import type { ModelSpec } from '../../../machines/testing/model';
import type { SecretKind } from './secret-entry';
import { passwordEntryMachine, pinEntryMachine } from './secret-entry.machine';

type EntryMachine = typeof pinEntryMachine;
type Snapshot = SnapshotFrom<EntryMachine>;

/** What the card can answer to a secret. */
const submitAnswers = [
  done('submit', 'U0lHTkFUVVJF'),
  fail('submit', cardErrors.pinIncorrect(2)),
  fail('submit', cardErrors.pinIncorrect(0)),
  fail('submit', cardErrors.lastAttempt()),
  fail('submit', cardErrors.pinLocked()),
  fail('submit', cardErrors.removedDuringVerify()),
  fail('submit', cardErrors.cardRemoved()),
  fail('submit', cardErrors.cardChanged()),
  fail('submit', cardErrors.bridgeDown()),
];

const KEYS: Record<SecretKind, { key: AnyEventObject; min: number }> = {
  pin: { key: { type: 'DIGIT', digit: '7' }, min: PIN_LENGTH },
  password: { key: { type: 'CHAR', char: 'K' }, min: PASSWORD_MIN },
};

export function secretEntrySpec(kind: SecretKind): ModelSpec<EntryMachine> {
  const { key, min } = KEYS[kind];
  return {
    machine: (kind === 'pin' ? pinEntryMachine : passwordEntryMachine) as EntryMachine,
    input: { status: pinStatus(3, kind === 'pin' ? 3 : 5) },
    promiseActors: ['submit'],
    events: [
      key,
      { type: 'BACK' },
      { type: 'OK' },
      { type: 'CONFIRM' },
      { type: 'CANCEL' },
      ...submitAnswers,
    ],
    // Typing stops at the shortest complete secret: longer ones take the same transitions.
    allow: (snapshot: Snapshot, event) => event.type !== key.type || snapshot.context.typed.length < min,
    serialize: (snapshot: Snapshot) => {
      const { typed, held, confirmation, status, error } = snapshot.context;
      return JSON.stringify({
        value: snapshot.value,
        status: snapshot.status,
        typed: typed.length,
        held: held !== undefined,
        confirmation,
        count: status && status.triesLeft,
        error: error && [error.messageKey, error.triesLeft],
        output: snapshot.output,
      });
    },
  };
}
