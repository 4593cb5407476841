/**
 * Model-based test of the secret entry, for the PIN and for the signature password: every shortest
 * path and every edge, with a fake card. The rules that protect the viewer's tries hold on each.
 */
import type { SnapshotFrom } from 'xstate';
import { expectOnlyAskedTries } from '../../../machines/testing/card-safety';
import { testEveryPath } from '../../../machines/testing/model';
import type { Secret } from '../../../machines/secret';
import type { SecretKind } from './secret-entry';
import type { pinEntryMachine } from './secret-entry.machine';
import { secretEntrySpec } from './secret-entry.test-model';

type Snapshot = SnapshotFrom<typeof pinEntryMachine>;

describe.each<SecretKind>(['pin', 'password'])('%s entry (model-based)', (kind) => {
  const typedKey = kind === 'pin' ? '7' : 'K';

  testEveryPath(`${kind}-entry`, secretEntrySpec(kind), (run, path) => {
    assertSecretOnlyWhileTyped(run.actor.getSnapshot());
    expectOnlyAskedTries(run.fakes, path, ['submit']);
    // The card gets the secret as typed, wrapped.
    for (const input of run.fakes.inputsOf('submit') as Array<{ secret: Secret }>) {
      expect(input.secret.reveal()).toMatch(new RegExp(`^${typedKey}+$`));
    }
  });

  /** Text only while typed or under the warning; wrapped while the card has it; nothing at the end. */
  function assertSecretOnlyWhileTyped(snapshot: Snapshot): void {
    const { typed, held, confirmation } = snapshot.context;
    if (!snapshot.matches('typing') && !snapshot.matches('confirmingLastAttempt')) expect(typed).toBe('');
    if (snapshot.matches('submitting')) expect(held).toBeDefined();
    else expect(held).toBeUndefined();
    if (snapshot.status === 'done') {
      expect(confirmation).toBeUndefined();
      expect(JSON.stringify(snapshot)).not.toContain(typedKey.repeat(4));
    }
  }
});
