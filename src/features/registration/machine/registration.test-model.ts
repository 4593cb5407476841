/** The registration machine's test model: event cases, pruning and the serialised state. */
import type { AnyEventObject, SnapshotFrom } from 'xstate';
import { CUSTOMER_NUMBER_MIN, PASSWORD_MIN } from '../../../machines/entry';
import * as fake from '../../../machines/testing/fixtures';
import { chars, digits, startFlow } from '../../../machines/testing/flow-run';
import { serializedWith, type ModelSpec } from '../../../machines/testing/model';
import { registrationMachine } from './registration.machine';

type Snapshot = SnapshotFrom<typeof registrationMachine>;

const cardFailures = fake.signingCardFailures();
const platformFailures = fake.signingPlatformFailures();
const wrongSecret = [
  fake.cardErrors.pinIncorrect(2),
  fake.cardErrors.pinIncorrect(0),
  fake.cardErrors.lastAttempt(),
  fake.cardErrors.pinLocked(),
  fake.cardErrors.removedDuringVerify(),
];

const prefetch = /^xstate\.(done|error)\.actor\.(readAuthCertificate|readPinStatus|readPasswordStatus)$/;

export const registrationSpec: ModelSpec<typeof registrationMachine> = {
  machine: registrationMachine,
  input: { cardId: fake.CARD_ID },
  promiseActors: [...fake.CARD_FLOW_ACTORS, 'signWithPassword', 'signChallenge', 'register'],
  events: [
    { type: 'DIGIT', digit: '4' },
    { type: 'CHAR', char: 'K' },
    ...fake.FLOW_KEYS,
    fake.done('readAuthCertificate', 'QVVUSA=='),
    ...fake.countAnswers('readPinStatus', 3),
    ...fake.countAnswers('readPasswordStatus', 5),
    ...['readAuthCertificate', 'readPinStatus', 'readPasswordStatus'].flatMap((id) =>
      cardFailures.map((error) => fake.fail(id, error)),
    ),
    fake.done('requestChallenge', 'UkVHSVNUUkFUSU9O'),
    ...platformFailures.map((error) => fake.fail('requestChallenge', error)),
    fake.done('signWithPassword', { signCertificate: 'U0lHTkNFUlQ=', signature: 'U1NJRw==' }),
    ...[...wrongSecret, ...cardFailures].map((error) => fake.fail('signWithPassword', error)),
    fake.done('signChallenge', 'QVNJRw=='),
    ...[...wrongSecret, ...cardFailures].map((error) => fake.fail('signChallenge', error)),
    fake.done('register', fake.signedIn()),
    ...[
      fake.platformErrors.customerNotFound(),
      fake.platformErrors.registrationMismatch(),
      fake.platformErrors.alreadyLinked(),
      ...platformFailures,
    ].map((error) => fake.fail('register', error)),
  ],
  // Type only up to the shortest valid entry; let the card answer the prefetch once, before typing
  // or while the finished entry waits (the orders in between add states, not behaviour).
  allow: (snapshot: Snapshot, event: AnyEventObject) => {
    const { customerNumber, password, pin } = snapshot.context;
    if (event.type === 'DIGIT' && snapshot.matches({ entering: 'customerNumber' })) {
      return customerNumber.length < CUSTOMER_NUMBER_MIN;
    }
    if (event.type === 'CHAR') return password.length < PASSWORD_MIN;
    const answered = prefetch.exec(event.type)?.[2];
    if (answered) {
      const known = {
        readAuthCertificate: 'authCertificate',
        readPinStatus: 'pinStatus',
        readPasswordStatus: 'passwordStatus',
      } as const;
      if (snapshot.context[known[answered as keyof typeof known]] !== undefined) return false;
      return (
        (snapshot.matches({ entering: 'customerNumber' }) && customerNumber === '') ||
        snapshot.matches({ entering: 'submitted' })
      );
    }
    return pin !== undefined;
  },
  serialize: serializedWith((c: Snapshot['context']) => ({
    entry: [c.customerNumber.length, c.password.length, c.pin.length],
    certificate: c.authCertificate !== undefined,
    pinStatus: c.pinStatus?.triesLeft,
    passwordStatus: c.passwordStatus?.triesLeft,
    held: [c.heldPassword !== undefined, c.heldPin !== undefined],
    confirmation: [c.passwordConfirmation, c.pinConfirmation],
    signed: [c.challenge !== undefined, c.signed !== undefined, c.authSignature !== undefined],
    error: c.error && [c.error.messageKey, c.error.triesLeft],
  })),
};

/** The password's signature as the card gives it (with the signature certificate). */
export const SIGN_OUTPUT = { signCertificate: 'U0lHTkNFUlQ=', signature: 'U1NJRw==' };

/** What the card reads while the viewer types: the certificate and both counts. */
export const cardRead = (pinTries = 3, passwordTries = 5) => [
  fake.done('readAuthCertificate', 'QVVUSA=='),
  fake.done('readPinStatus', fake.pinStatus(pinTries)),
  fake.done('readPasswordStatus', fake.pinStatus(passwordTries, 5)),
];

/** The customer number, the password and the PIN typed, each with OK. */
export const everythingTyped = (password = 'ABC123', pin = '9753') => [
  ...digits(fake.CUSTOMER_NUMBER),
  { type: 'OK' },
  ...chars(password),
  { type: 'OK' },
  ...digits(pin),
  { type: 'OK' },
];

/** Registration started with a fake card and platform, given `events` first. */
export async function registration(...events: AnyEventObject[]) {
  const flow = await startFlow(registrationSpec);
  await flow.send(...events);
  return flow;
}
