/** The login rules and each error the viewer can meet, one by one, with fake card and platform. */
import { formatMessage, messageFor } from '../../../machines/messages';
import * as fake from '../../../machines/testing/fixtures';
import type { PathRun } from '../../../machines/testing/model';
import { digits, reachAfter, send, startFlow } from '../../../machines/testing/flow-run';
import { failing, meet } from '../../secret-entry/testing/flow-errors';
import { CHALLENGE_FRESH_MS, loginMachine } from './login.machine';
import { cardRead, loginSpec } from './login.test-model';
import type { Secret } from '../../../machines/secret';

type Run = PathRun<typeof loginMachine>;

async function start(): Promise<Run> {
  const run = await startFlow(loginSpec);
  return run;
}

/** The card actor's inputs with the PIN unwrapped, as the card actor sees them. */
const revealed = (inputs: unknown[]) =>
  inputs.map((input) => {
    // Every sign names the login's card (login.card-identity.test.ts has the rest of that).
    const { pin, cardId, ...rest } = input as { pin: Secret; cardId?: string };
    expect(cardId).toBe(fake.CARD_ID);
    return { pin: pin.reveal(), ...rest };
  });

/** Card read, status known, PIN typed and OK pressed: the machine is at the challenge. */
async function typedAndSubmitted(pin = '9753', tries = 3): Promise<Run> {
  const run = await start();
  await send(run, ...cardRead(tries));
  await send(run, ...digits(pin), { type: 'OK' });
  return run;
}

async function atSigning(pin = '9753'): Promise<Run> {
  const run = await typedAndSubmitted(pin);
  await send(run, fake.done('requestChallenge', 'Q0hBTExFTkdF'));
  return run;
}

const atVerifying = reachAfter(() => atSigning(), fake.done('signChallenge', 'U0lH'));

function expectViewerMessage(run: Run, key: string): void {
  const error = run.actor.getSnapshot().context.error;
  expect(error?.messageKey).toBe(key);
  const message = messageFor(error!.messageKey);
  expect(message.ja.length).toBeGreaterThan(5);
  expect(message.en.length).toBeGreaterThan(5);
}

describe('PIN entry', () => {
  test('prefetches the certificate, the PIN status and a login challenge as soon as it starts', async () => {
    const run = await start();
    expect(run.fakes.calls.map((call) => call.src)).toEqual([
      'readAuthCertificate',
      'readPinStatus',
      'requestChallenge',
    ]);
    expect(run.fakes.inputsOf('readPinStatus')).toEqual([{ pin: 'auth', cardId: fake.CARD_ID }]);
    expect(run.fakes.inputsOf('prefetchChallenge')).toEqual([{ purpose: 'login' }]);
    await send(run, fake.done('readPinStatus', fake.pinStatus(2)));
    // Tries left are known (and shown) before the first digit.
    expect(run.actor.getSnapshot().context.pinStatus?.triesLeft).toBe(2);
    expect(formatMessage('triesLeft', 'ja', { triesLeft: 2 })).toContain('2回');
  });

  test('takes four digits only; BACK deletes; OK needs all four', async () => {
    const run = await start();
    await send(run, ...digits('12'), { type: 'DIGIT', digit: 'A' }, { type: 'OK' });
    expect(run.actor.getSnapshot().context.pin).toBe('12');
    expect(run.actor.getSnapshot().matches({ active: 'typing' })).toBe(true);
    await send(run, ...digits('345'), { type: 'BACK' }, { type: 'DIGIT', digit: '9' });
    expect(run.actor.getSnapshot().context.pin).toBe('1239');
  });

  test('with a bridge that gives no card identity, the card calls name no card', async () => {
    const run = await startFlow({ ...loginSpec, input: undefined });
    expect(run.fakes.inputsOf('readAuthCertificate')).toEqual([{ cardId: undefined }]);
  });

  test('BACK on an empty PIN leaves the login', async () => {
    const run = await start();
    await send(run, { type: 'BACK' });
    expect(run.actor.getSnapshot().output).toEqual({ outcome: 'cancelled' });
  });

  test('a viewer quicker than the card waits for the prefetch, then goes on', async () => {
    const run = await start();
    await send(run, ...digits('9753'), { type: 'OK' });
    expect(run.actor.getSnapshot().matches({ active: 'submitted' })).toBe(true);
    // The count alone is not enough: the certificate goes to the platform with the signature.
    await send(run, fake.done('readPinStatus', fake.pinStatus(3)));
    expect(run.actor.getSnapshot().matches({ active: 'submitted' })).toBe(true);
    await send(run, fake.done('readAuthCertificate', 'Q0VSVA=='));
    expect(run.actor.getSnapshot().value).toBe('challenging');
    expect(run.fakes.inputsOf('requestChallenge')).toEqual([{ purpose: 'login' }]);
  });
});

describe('signing and the PIN', () => {
  test('hands the PIN to the card once and clears it in the same step', async () => {
    const run = await atSigning('9753');
    expect(revealed(run.fakes.inputsOf('signChallenge'))).toEqual([
      { pin: '9753', challenge: 'Q0hBTExFTkdF' },
    ]);
    const snapshot = run.actor.getSnapshot();
    expect(snapshot.value).toBe('signing');
    expect(snapshot.context.pin).toBe('');
    expect(JSON.stringify(run.actor.getPersistedSnapshot())).not.toContain('9753');
  });

  test('logs in with the certificate and the signature, and forgets them', async () => {
    const run = await atVerifying();
    expect(run.fakes.inputsOf('loginWithSignature')).toEqual([
      { challenge: 'Q0hBTExFTkdF', authCertificate: 'Q0VSVA==', signature: 'U0lH' },
    ]);
    await send(run, fake.done('loginWithSignature', fake.signedIn()));
    const snapshot = run.actor.getSnapshot();
    expect(snapshot.output).toEqual({ outcome: 'signedIn', signedIn: fake.signedIn() });
    expect(snapshot.context).toMatchObject({ pin: '', challenge: undefined, signature: undefined });
  });
});

describe('the challenge fetched while the viewer types', () => {
  async function allPrefetched(tries = 3): Promise<Run> {
    const run = await start();
    await send(run, ...cardRead(tries), fake.done('prefetchChallenge', 'UFJF'));
    return run;
  }

  test('OK goes straight to the card with it: no platform call of its own', async () => {
    const run = await allPrefetched();
    await send(run, ...digits('9753'), { type: 'OK' });
    expect(run.actor.getSnapshot().value).toBe('signing');
    expect(run.fakes.inputsOf('requestChallenge')).toEqual([]);
    expect(revealed(run.fakes.inputsOf('signChallenge'))).toEqual([{ pin: '9753', challenge: 'UFJF' }]);
    expect(run.actor.getSnapshot().context).toMatchObject({ pin: '', prefetchedChallenge: undefined });
    await send(run, fake.done('signChallenge', 'U0lH'));
    expect(run.fakes.inputsOf('loginWithSignature')).toEqual([
      { challenge: 'UFJF', authCertificate: 'Q0VSVA==', signature: 'U0lH' },
    ]);
  });

  test('after CHALLENGE_FRESH_MS it is dropped and OK fetches a fresh one', async () => {
    const run = await allPrefetched();
    await send(run, ...digits('9753'));
    run.clock.increment(CHALLENGE_FRESH_MS);
    await send(run, { type: 'OK' });
    expect(run.actor.getSnapshot().value).toBe('challenging');
    expect(run.fakes.inputsOf('requestChallenge')).toEqual([{ purpose: 'login' }]);
    await send(run, fake.done('requestChallenge', 'RlJFU0g='));
    expect(revealed(run.fakes.inputsOf('signChallenge'))[0]).toMatchObject({ challenge: 'RlJFU0g=' });
  });

  test('one arriving after CHALLENGE_FRESH_MS is not kept', async () => {
    const run = await start();
    await send(run, ...cardRead());
    run.clock.increment(CHALLENGE_FRESH_MS);
    await send(run, fake.done('prefetchChallenge', 'TEFURQ=='), ...digits('9753'), { type: 'OK' });
    expect(run.actor.getSnapshot().value).toBe('challenging');
  });

  test('a failed prefetch is not shown: OK asks for one and reports what happens then', async () => {
    const run = await start();
    await send(run, ...cardRead(), fake.fail('prefetchChallenge', fake.platformErrors.unavailable()));
    expect(run.actor.getSnapshot().context.error).toBeUndefined();
    await send(run, ...digits('9753'), { type: 'OK' });
    expect(run.actor.getSnapshot().value).toBe('challenging');
    await send(run, fake.fail('requestChallenge', fake.platformErrors.unavailable()));
    expect(run.actor.getSnapshot().value).toBe('platformDown');
  });

  test('a wrong PIN starts the entry again with a new prefetch; the used challenge is not reused', async () => {
    const run = await allPrefetched();
    await send(
      run,
      ...digits('9753'),
      { type: 'OK' },
      fake.fail('signChallenge', fake.cardErrors.pinIncorrect(2)),
    );
    expect(run.actor.getSnapshot().matches({ active: 'typing' })).toBe(true);
    expect(run.actor.getSnapshot().context.prefetchedChallenge).toBeUndefined();
    expect(run.fakes.inputsOf('prefetchChallenge')).toHaveLength(2);
  });
});

describe('every error the viewer can meet', () => {
  test('wrong PIN: back to entry with the tries left, no second sign', async () => {
    const run = await atSigning();
    await send(run, fake.fail('signChallenge', fake.cardErrors.pinIncorrect(2)));
    const snapshot = run.actor.getSnapshot();
    expect(snapshot.matches({ active: 'typing' })).toBe(true);
    expect(snapshot.context.pinStatus?.triesLeft).toBe(2);
    expect(snapshot.context.error?.triesLeft).toBe(2);
    expectViewerMessage(run, 'pinIncorrect');
    expect(run.fakes.inputsOf('signChallenge')).toHaveLength(1);
  });

  test.each([
    ['the last wrong PIN', fake.fail('signChallenge', fake.cardErrors.pinIncorrect(0))],
    ['PIN_LOCKED from the card', fake.fail('signChallenge', fake.cardErrors.pinLocked())],
  ])('locked PIN (%s): explains that the city hall unlocks it', async (_, event) => {
    const run = await atSigning();
    await send(run, event);
    expect(run.actor.getSnapshot().value).toBe('locked');
    expectViewerMessage(run, 'pinLocked');
    expect(messageFor('pinLocked').ja).toContain('市区町村の窓口');
    await send(run, { type: 'OK' });
    expect(run.actor.getSnapshot().output).toEqual({ outcome: 'cancelled' });
  });

  test('a card already locked is caught by the prefetch, before any digit', async () => {
    const run = await start();
    await send(run, fake.done('readPinStatus', fake.pinStatus(0)));
    expect(run.actor.getSnapshot().value).toBe('locked');
    expectViewerMessage(run, 'pinLocked');
  });

  test.each([
    [
      'NOT_MY_NUMBER_CARD',
      () => fake.fail('readAuthCertificate', fake.cardErrors.notMyNumberCard()),
      'notMyNumberCard',
    ],
    [
      'UNKNOWN_ISSUER',
      () => fake.fail('loginWithSignature', fake.platformErrors.unknownIssuer()),
      'UNKNOWN_ISSUER',
    ],
  ])('not a My Number card (%s)', async (_, event, key) => {
    const run = event().type.includes('loginWithSignature') ? await atVerifying() : await start();
    await send(run, event());
    expect(run.actor.getSnapshot().value).toBe('notMyNumberCard');
    expectViewerMessage(run, key);
  });

  test.each([
    ['certificateExpired', fake.platformErrors.certificateExpired(), 'CERTIFICATE_EXPIRED'],
    ['certificateRevoked', fake.platformErrors.certificateRevoked(), 'CERTIFICATE_REVOKED'],
  ])('%s: a dead end with what to do', async (state, error, key) => {
    const run = await atVerifying();
    await send(run, fake.fail('loginWithSignature', error));
    expect(run.actor.getSnapshot().value).toBe(state);
    expectViewerMessage(run, key);
    expect(messageFor(key as never).ja).toContain('市区町村');
  });

  const { cardErrors: card, platformErrors: platform } = fake;
  const readingStatus = failing(start, 'readPinStatus');
  const readingCertificate = failing(start, 'readAuthCertificate');
  const signing = failing(() => atSigning(), 'signChallenge');
  const challenging = failing(() => typedAndSubmitted(), 'requestChallenge');
  const loggingIn = failing(atVerifying, 'loginWithSignature');
  test.each([
    ['bridge down while reading', readingStatus(card.bridgeDown()), 'bridgeDown', 'bridgeLost'],
    ['bridge timeout while signing', signing(card.bridgeTimeout()), 'bridgeDown', 'bridgeLost'],
    ['card pulled while signing', signing(card.cardRemoved()), 'cardError', 'cardRemoved'],
    ['no card', readingCertificate(card.noCard()), 'cardError', 'cardRemoved'],
    ['reader busy', signing(card.busy()), 'cardError', 'cardBusy'],
    ['card error', readingCertificate(card.cardError()), 'cardError', 'cardError'],
    [
      'platform down (challenge)',
      challenging(platform.unavailable()),
      'platformDown',
      'PLATFORM_UNAVAILABLE',
    ],
    ['network down (login)', loggingIn(platform.network()), 'platformDown', 'NETWORK_ERROR'],
    ['too many logins for a while', loggingIn(platform.rateLimited()), 'platformDown', 'RATE_LIMITED'],
    ['signature refused', loggingIn(platform.signatureInvalid()), 'rejected', 'SIGNATURE_INVALID'],
    ['unexpected', loggingIn(new Error('boom')), 'rejected', 'unexpected'],
  ])('%s: a message and RETRY from the PIN', async (_, failure, state, key) => {
    const run = await meet(failure, state);
    expectViewerMessage(run, key);
    expect(run.actor.getSnapshot().context.pin).toBe('');
    await send(run, { type: 'RETRY' });
    expect(run.actor.getSnapshot().matches({ active: 'typing' })).toBe(true);
  });

  test('challenge expired: type the PIN again', async () => {
    const run = await atVerifying();
    await send(run, fake.fail('loginWithSignature', fake.platformErrors.challengeExpired()));
    expect(run.actor.getSnapshot().matches({ active: 'typing' })).toBe(true);
    expectViewerMessage(run, 'CHALLENGE_EXPIRED');
  });

  test('REGISTRATION_REQUIRED ends the login towards registration', async () => {
    const run = await atVerifying();
    await send(run, fake.fail('loginWithSignature', fake.platformErrors.registrationRequired()));
    expect(run.actor.getSnapshot().output).toEqual({ outcome: 'registrationRequired' });
    expect(JSON.stringify(run.actor.getPersistedSnapshot())).not.toContain('9753');
  });
});
