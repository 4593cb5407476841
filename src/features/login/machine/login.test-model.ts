/** The login machine's test model: every event case the graph may take, and the serialised state. */
import type { SnapshotFrom } from 'xstate';
import {
  CARD_ID,
  cardErrors,
  done,
  fail,
  pinStatus,
  platformErrors,
  signedIn,
} from '../../../machines/testing/fixtures';
import type { ModelSpec } from '../../../machines/testing/model';
import { loginMachine } from './login.machine';

const cardFailures = [
  cardErrors.pinLocked(),
  cardErrors.notMyNumberCard(),
  cardErrors.bridgeDown(),
  cardErrors.cardError(),
  cardErrors.cardChanged(),
];
const platformFailures = [
  platformErrors.registrationRequired(),
  platformErrors.certificateExpired(),
  platformErrors.certificateRevoked(),
  platformErrors.unknownIssuer(),
  platformErrors.unavailable(),
  platformErrors.challengeExpired(),
  platformErrors.signatureInvalid(),
];

type Snapshot = SnapshotFrom<typeof loginMachine>;

export const loginSpec: ModelSpec<typeof loginMachine> = {
  machine: loginMachine,
  input: { cardId: CARD_ID },
  promiseActors: [
    'readAuthCertificate',
    'readPinStatus',
    'requestChallenge',
    'signChallenge',
    'loginWithSignature',
  ],
  events: [
    { type: 'DIGIT', digit: '7' },
    { type: 'BACK' },
    { type: 'OK' },
    { type: 'CONFIRM' },
    { type: 'CANCEL' },
    { type: 'RETRY' },
    done('readAuthCertificate', 'QVVUSENFUlQ='),
    done('readPinStatus', pinStatus(3)),
    done('readPinStatus', pinStatus(1)),
    done('readPinStatus', pinStatus(0)),
    ...cardFailures.map((error) => fail('readAuthCertificate', error)),
    ...cardFailures.map((error) => fail('readPinStatus', error)),
    done('prefetchChallenge', 'UHJlZmV0Y2hlZA'),
    fail('prefetchChallenge', platformErrors.unavailable()),
    { type: 'xstate.after.challengeFresh.login.active' },
    done('requestChallenge', 'Y2hhbGxlbmdl'),
    ...platformFailures.map((error) => fail('requestChallenge', error)),
    done('signChallenge', 'U0lHTkFUVVJF'),
    fail('signChallenge', cardErrors.pinIncorrect(2)),
    fail('signChallenge', cardErrors.pinIncorrect(0)),
    fail('signChallenge', cardErrors.lastAttempt()),
    fail('signChallenge', cardErrors.removedDuringVerify()),
    ...cardFailures.map((error) => fail('signChallenge', error)),
    done('loginWithSignature', signedIn()),
    ...platformFailures.map((error) => fail('loginWithSignature', error)),
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
