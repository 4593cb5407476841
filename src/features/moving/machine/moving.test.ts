/** Moving: consent, the choice, 本人同意 through the secret entry, one request per key, polling. */
import {
  cardErrors,
  CARD_ID,
  CONFIRMATION,
  pinStatus,
  platformErrors,
} from '../../../machines/testing/fixtures';
import { addressChange, moveDetails, NEW_ADDRESS } from '../testing/moving-data';
import {
  atChoice,
  atPassword,
  failingUntilHealed,
  PASSWORD,
  POLL_MS,
  SIGNED,
  startMoving,
  typePassword,
} from './test-support';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('moving: consent and the choice', () => {
  test('declining the consent fetches nothing and closes the flow', async () => {
    const flow = startMoving();
    await flow.send({ type: 'BACK' });
    expect(flow.state().value).toBe('closed');
    expect(flow.state().output).toEqual({ outcome: 'closed' });
    expect(flow.calls.details).toBe(0);
  });

  test('the services still holding an old address are ticked; the up-to-date one cannot be', async () => {
    const flow = await atChoice();
    expect(flow.state().value).toBe('choosing');
    expect(flow.state().context.newAddress).toBe(NEW_ADDRESS);
    // The bank is not linked: not shown, not ticked.
    expect(flow.state().context.services?.map((s) => s.id)).toEqual([
      'cable',
      'insurer',
      'booking',
      'energy',
    ]);
    expect(flow.state().context.chosen).toEqual(['cable', 'insurer', 'energy']);
    await flow.send({ type: 'TOGGLE', id: 'booking' }, { type: 'TOGGLE', id: 'bank' });
    expect(flow.state().context.chosen).toEqual(['cable', 'insurer', 'energy']);
    await flow.send({ type: 'TOGGLE', id: 'insurer' });
    expect(flow.state().context.chosen).toEqual(['cable', 'energy']);
    await flow.send({ type: 'TOGGLE', id: 'insurer' });
    expect(flow.state().context.chosen).toEqual(['cable', 'energy', 'insurer']);
  });

  test('the choice opens without the 「選んでください」 message: nothing was pressed yet', async () => {
    const flow = await atChoice();
    expect(flow.state().value).toBe('choosing');
    expect(flow.state().context.nothingChosen).toBe(false);
  });

  test('a linked service that holds no address yet is ticked to be told', async () => {
    const { heldAddress: _none, ...cable } = moveDetails.services[0]!;
    const flow = await atChoice({
      details: () => Promise.resolve({ ...moveDetails, services: [cable, ...moveDetails.services.slice(1)] }),
    });
    expect(flow.state().value).toBe('choosing');
    expect(flow.state().context.chosen).toEqual(['cable', 'insurer', 'energy']);
  });

  test('with no service chosen, 次へ stays and says so until one is ticked', async () => {
    const flow = await atChoice();
    await flow.send(
      { type: 'TOGGLE', id: 'cable' },
      { type: 'TOGGLE', id: 'insurer' },
      { type: 'TOGGLE', id: 'energy' },
    );
    await flow.send({ type: 'NEXT' });
    expect(flow.state().value).toBe('choosing');
    expect(flow.state().context.nothingChosen).toBe(true);
    await flow.send({ type: 'TOGGLE', id: 'energy' });
    expect(flow.state().context.nothingChosen).toBe(false);
    await flow.send({ type: 'NEXT' });
    expect(flow.state().value).toBe('summary');
  });

  test('a failed fetch of the basic information can be retried, or left', async () => {
    const details = failingUntilHealed(platformErrors.network(), moveDetails);
    const flow = await atChoice({ details: details.call });
    expect(flow.state().value).toBe('fetchFailed');
    expect(flow.state().context.error).toEqual({ kind: 'platformDown', messageKey: 'NETWORK_ERROR' });
    details.heal();
    await flow.send({ type: 'RETRY' });
    expect(flow.state().value).toBe('choosing');
    expect(flow.calls.details).toBe(2);
    await flow.send({ type: 'BACK' });
    expect(flow.state().output).toEqual({ outcome: 'closed' });
  });

  test('the platform ending the session ends the flow with its reason', async () => {
    const flow = await atChoice({
      details: () => Promise.reject(platformErrors.sessionCertificateRevoked()),
    });
    expect(flow.state().value).toBe('sessionExpired');
    expect(flow.state().output).toEqual({ outcome: 'sessionExpired', reason: 'loggedOutCertificateRevoked' });
  });
});

describe('moving: 本人同意 with the signature password', () => {
  test('the secret entry gets the count and the request; the signed consent is sent with a key', async () => {
    const flow = await atPassword();
    expect(flow.state().value).toBe('signing');
    expect(flow.entry()?.getSnapshot().context.status).toEqual(pinStatus(5, 5));
    await flow.send(...typePassword());
    const [submit] = flow.calls.submit;
    expect(submit!.secret.reveal()).toBe(PASSWORD);
    expect(submit!.request).toEqual({
      cardId: CARD_ID,
      newAddress: NEW_ADDRESS,
      services: ['cable', 'insurer', 'energy'],
    });
    const [create] = flow.calls.create;
    expect(create!.request).toEqual({
      ...SIGNED,
      newAddress: NEW_ADDRESS,
      services: ['cable', 'insurer', 'energy'],
    });
    expect(create!.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(flow.state().value).toEqual({ tracking: 'waiting' });
    // Nothing of the password stays in the flow.
    expect(JSON.stringify(flow.state().context)).not.toContain(PASSWORD);
  });

  test('a wrong password: the entry says so with the count, and nothing is sent', async () => {
    const submit = failingUntilHealed(cardErrors.pinIncorrect(3), SIGNED);
    const flow = await atPassword({ submit: submit.call });
    await flow.send(...typePassword());
    expect(flow.state().value).toBe('signing');
    const entry = flow.entry()!.getSnapshot();
    expect(entry.value).toBe('typing');
    expect(entry.context.error).toMatchObject({ messageKey: 'signPasswordIncorrect', triesLeft: 3 });
    expect(flow.calls.create).toEqual([]);
    submit.heal();
    await flow.send(...typePassword());
    expect(flow.calls.create).toHaveLength(1);
  });

  test('the last try is spent only on the warning’s CONFIRM, with the bridge’s value', async () => {
    const flow = await atPassword({
      submit: (input) =>
        input.confirmLastAttempt === CONFIRMATION
          ? Promise.resolve(SIGNED)
          : Promise.reject(cardErrors.lastAttempt()),
    });
    await flow.send(...typePassword());
    expect(flow.entry()!.getSnapshot().value).toBe('confirmingLastAttempt');
    expect(flow.calls.create).toEqual([]);
    await flow.send({ type: 'CONFIRM' });
    expect(flow.calls.submit.map((s) => s.confirmLastAttempt)).toEqual([undefined, CONFIRMATION]);
    expect(flow.calls.create).toHaveLength(1);
  });

  test('BACK at the warning drops the secret and the value; BACK on an empty entry returns to the summary', async () => {
    const flow = await atPassword({ submit: () => Promise.reject(cardErrors.lastAttempt()) });
    await flow.send(...typePassword(), { type: 'BACK' });
    expect(flow.entry()!.getSnapshot().value).toBe('typing');
    expect(flow.entry()!.getSnapshot().context.typed).toBe('');
    await flow.send({ type: 'BACK' });
    expect(flow.state().value).toBe('summary');
  });

  test('a locked password, known before or met while signing, is a dead end', async () => {
    const before = await atChoice({ status: () => Promise.resolve(pinStatus(0, 5)) });
    await before.send({ type: 'NEXT' });
    expect(before.state().value).toBe('passwordLocked');
    expect(before.state().context.error).toEqual({ kind: 'pinLocked', messageKey: 'signPasswordLocked' });
    const met = await atPassword({ submit: () => Promise.reject(cardErrors.pinLocked()) });
    await met.send(...typePassword());
    expect(met.state().value).toBe('passwordLocked');
    await met.send({ type: 'OK' });
    expect(met.state().output).toEqual({ outcome: 'closed' });
  });

  test('the summary reads the signature password’s count, of the card the viewer logged in with', async () => {
    const flow = await atChoice();
    await flow.send({ type: 'NEXT' });
    expect(flow.calls.status).toEqual([{ pin: 'sign', cardId: CARD_ID }]);
  });

  test.each([
    ['the session ran out', platformErrors.sessionExpired(), 'loggedOutSessionExpired'],
    [
      'the certificate was revoked',
      platformErrors.sessionCertificateRevoked(),
      'loggedOutCertificateRevoked',
    ],
  ] as const)(
    'the platform ending the session while signing (%s) ends the flow with its reason',
    async (_, error, reason) => {
      const flow = await atPassword({ submit: () => Promise.reject(error) });
      await flow.send(...typePassword());
      expect(flow.state().output).toEqual({ outcome: 'sessionExpired', reason });
      expect(flow.calls.create).toEqual([]);
    },
  );

  test('the bridge gone while signing (no try spent): the message, RETRY, and the count stays known', async () => {
    const submit = failingUntilHealed(cardErrors.bridgeDown(), SIGNED);
    const flow = await atPassword({ submit: submit.call });
    await flow.send(...typePassword());
    expect(flow.state().value).toBe('signFailed');
    expect(flow.state().context.error?.kind).toBe('bridgeDown');
    expect(flow.state().context.passwordStatus).toEqual(pinStatus(5, 5));
    submit.heal();
    await flow.send({ type: 'RETRY' }, { type: 'CONFIRM' }, ...typePassword());
    expect(flow.calls.create).toHaveLength(1);
  });

  test('the card pulled while signing: the message, then RETRY reads the count again', async () => {
    const submit = failingUntilHealed(cardErrors.removedDuringVerify(), SIGNED);
    let counts = 0;
    const flow = await atPassword({
      submit: submit.call,
      status: () => {
        counts += 1;
        return Promise.resolve(pinStatus(4, 5));
      },
    });
    await flow.send(...typePassword());
    expect(flow.state().value).toBe('signFailed');
    expect(flow.state().context.error).toEqual({ kind: 'cardRemoved', messageKey: 'cardRemoved' });
    expect(flow.state().context.passwordStatus).toBeUndefined();
    submit.heal();
    await flow.send({ type: 'RETRY' });
    expect(flow.state().value).toBe('summary');
    expect(counts).toBe(2);
    await flow.send({ type: 'CONFIRM' }, ...typePassword());
    expect(flow.calls.create).toHaveLength(1);
  });
});

describe('moving: sending and the status', () => {
  test('a network failure: RETRY sends the same signed request with the same key', async () => {
    const create = failingUntilHealed(
      platformErrors.network(),
      addressChange({ cable: 'accepted', insurer: 'sending', energy: 'sending' }),
    );
    const flow = await atPassword({ create: create.call });
    await flow.send(...typePassword());
    expect(flow.state().value).toBe('createFailed');
    create.heal();
    await flow.send({ type: 'RETRY' });
    const [first, second] = flow.calls.create;
    expect(second).toEqual(first);
    expect(flow.calls.submit).toHaveLength(1);
    expect(flow.state().value).toEqual({ tracking: 'waiting' });
  });

  test('a refused signature (challenge spent) goes back to sign again, with a new key', async () => {
    const create = failingUntilHealed(
      platformErrors.challengeExpired(),
      addressChange({ cable: 'completed' }),
    );
    const flow = await atPassword({ create: create.call });
    await flow.send(...typePassword());
    expect(flow.state().value).toBe('rejected');
    create.heal();
    await flow.send({ type: 'RETRY' }, { type: 'CONFIRM' }, ...typePassword());
    const [first, second] = flow.calls.create;
    expect(second!.idempotencyKey).not.toBe(first!.idempotencyKey);
    expect(flow.state().value).toBe('done');
  });

  test.each([
    ['the signature is invalid', platformErrors.signatureInvalid()],
    ['the certificate expired', platformErrors.certificateExpired()],
    ['the certificate was revoked', platformErrors.certificateRevoked()],
    ['the issuer is unknown', platformErrors.unknownIssuer()],
  ])('a refused signature (%s) is said, and RETRY signs again', async (_, error) => {
    const create = failingUntilHealed(error, addressChange({ cable: 'completed' }));
    const flow = await atPassword({ create: create.call });
    await flow.send(...typePassword());
    expect(flow.state().value).toBe('rejected');
    create.heal();
    await flow.send({ type: 'RETRY' });
    expect(flow.state().value).toBe('summary');
  });

  test('each status fetch asks about the request just sent', async () => {
    const flow = await atPassword({
      create: () => Promise.resolve(addressChange({ cable: 'sending' }, 'ac-0042')),
    });
    await flow.send(...typePassword());
    await jest.advanceTimersByTimeAsync(POLL_MS);
    expect(flow.calls.loaded).toEqual(['ac-0042']);
  });

  test('the status is fetched again without a key until every service is final, then no more', async () => {
    const answers = [
      addressChange({ cable: 'accepted', insurer: 'sending', energy: 'sending' }),
      addressChange({ cable: 'completed', insurer: 'accepted', energy: 'sending' }),
      addressChange({ cable: 'completed', insurer: 'completed', energy: 'actionRequired' }),
    ];
    let failOnce = true;
    const flow = await atPassword({
      load: () => {
        if (failOnce && answers.length === 2) {
          failOnce = false;
          return Promise.reject(platformErrors.network());
        }
        return Promise.resolve(answers.shift()!);
      },
    });
    await flow.send(...typePassword());
    expect(flow.calls.load).toBe(0);
    await jest.advanceTimersByTimeAsync(POLL_MS);
    expect(flow.calls.load).toBe(1);
    expect(flow.state().context.addressChange?.deliveries[0]?.status).toBe('accepted');
    // A network failure keeps the last status and asks again later.
    await jest.advanceTimersByTimeAsync(POLL_MS);
    expect(flow.calls.load).toBe(2);
    expect(flow.state().value).toEqual({ tracking: 'waiting' });
    await jest.advanceTimersByTimeAsync(POLL_MS * 2);
    expect(flow.calls.load).toBe(4);
    expect(flow.state().value).toBe('done');
    expect(flow.state().context.addressChange?.status).toBe('actionRequired');
    await jest.advanceTimersByTimeAsync(POLL_MS * 5);
    expect(flow.calls.load).toBe(4);
    await flow.send({ type: 'OK' });
    expect(flow.state().output).toEqual({ outcome: 'closed' });
  });

  test('leaving while the services answer stops the polling', async () => {
    const flow = await atPassword({
      load: () =>
        Promise.resolve(addressChange({ cable: 'accepted', insurer: 'sending', energy: 'sending' })),
    });
    await flow.send(...typePassword());
    await jest.advanceTimersByTimeAsync(POLL_MS);
    await flow.send({ type: 'BACK' });
    expect(flow.state().value).toBe('closed');
    await jest.advanceTimersByTimeAsync(POLL_MS * 5);
    expect(flow.calls.load).toBe(1);
  });

  test('the session ending while polling ends the flow', async () => {
    const flow = await atPassword({ load: () => Promise.reject(platformErrors.sessionExpired()) });
    await flow.send(...typePassword());
    await jest.advanceTimersByTimeAsync(POLL_MS);
    expect(flow.state().output).toEqual({ outcome: 'sessionExpired', reason: 'loggedOutSessionExpired' });
  });
});
