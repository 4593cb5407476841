/** The login machine's test model: every event case the graph may take, and the serialised state. */
import type { SnapshotFrom } from 'xstate';
import * as fake from '../../../machines/testing/fixtures';
import type { ModelSpec } from '../../../machines/testing/model';
import { loginMachine } from './login.machine';

const cardFailures = [fake.cardErrors.pinLocked(), ...fake.signingCardFailures()];
const platformFailures = [fake.platformErrors.registrationRequired(), ...fake.signingPlatformFailures()];

type Snapshot = SnapshotFrom<typeof loginMachine>;

/** The card's answers to what login reads before the PIN: its certificate and the PIN's count. */
export const cardRead = (tries = 3) => [
  fake.done('readAuthCertificate', 'Q0VSVA=='),
  fake.done('readPinStatus', fake.pinStatus(tries)),
];

export const loginSpec: ModelSpec<typeof loginMachine> = {
  machine: loginMachine,
  input: { cardId: fake.CARD_ID },
  promiseActors: [...fake.CARD_FLOW_ACTORS, 'signChallenge', 'loginWithSignature'],
  events: [
    { type: 'DIGIT', digit: '7' },
    ...fake.FLOW_KEYS,
    fake.done('readAuthCertificate', 'QVVUSENFUlQ='),
    ...fake.countAnswers('readPinStatus', 3),
    ...cardFailures.map((error) => fake.fail('readAuthCertificate', error)),
    ...cardFailures.map((error) => fake.fail('readPinStatus', error)),
    fake.done('prefetchChallenge', 'UHJlZmV0Y2hlZA'),
    fake.fail('prefetchChallenge', fake.platformErrors.unavailable()),
    { type: 'xstate.after.challengeFresh.login.active' },
    fake.done('requestChallenge', 'Y2hhbGxlbmdl'),
    ...platformFailures.map((error) => fake.fail('requestChallenge', error)),
    fake.done('signChallenge', 'U0lHTkFUVVJF'),
    fake.fail('signChallenge', fake.cardErrors.pinIncorrect(2)),
    fake.fail('signChallenge', fake.cardErrors.pinIncorrect(0)),
    fake.fail('signChallenge', fake.cardErrors.lastAttempt()),
    fake.fail('signChallenge', fake.cardErrors.removedDuringVerify()),
    ...cardFailures.map((error) => fake.fail('signChallenge', error)),
    fake.done('loginWithSignature', fake.signedIn()),
    ...platformFailures.map((error) => fake.fail('loginWithSignature', error)),
  ],
  // Everything a guard reads, in a compact form (the digits themselves do not matter to the model).
  serialize: (snapshot: Snapshot) => {
    const {
      pin,
      heldPin,
      certificate,
      pinStatus: status,
      confirmation,
      challenge,
      prefetchedChallenge,
      prefetchStale,
      signature,
      error,
    } = snapshot.context;
    return JSON.stringify({
      value: snapshot.value,
      status: snapshot.status,
      pin: pin.length,
      heldPin: heldPin !== undefined,
      certificate: certificate !== undefined,
      pinStatus: status && [status.triesLeft, status.locked],
      confirmation,
      challenge: challenge !== undefined,
      prefetchedChallenge: prefetchedChallenge !== undefined,
      prefetchStale,
      signature: signature !== undefined,
      error: error && [error.messageKey, error.triesLeft],
    });
  },
};
