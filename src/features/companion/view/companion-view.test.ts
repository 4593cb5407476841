/** companionView against the real pairing machine, driven through its states with FakeActors. */
import { done, fail, platformErrors, signedIn } from '../../../machines/testing/fixtures';
import { dispatch, startWithFakes } from '../../../machines/testing/model';
import { SCREEN } from '../../../app/screens/ids';
import type { MessageProps } from '../../../app/view/app-view';
import { PairingError } from '../../../platform/errors';
import { pairedSpec, pairingSpec, POLL_DUE, SECOND_PASSED } from '../machine/pairing.test-model';
import { CODES, PAIRING } from '../testing/pairing-data';
import { companionView, type PairingCodeProps } from './companion-view';

function start(scopeOrSpec: 'pairing' | 'login' | typeof pairingSpec = 'pairing') {
  const spec =
    typeof scopeOrSpec === 'string' ? { ...pairingSpec, input: { scope: scopeOrSpec } } : scopeOrSpec;
  const run = startWithFakes(spec);
  const send = async (...events: Array<{ type: string; [key: string]: unknown }>) => {
    for (const event of events) await dispatch(run as never, event);
  };
  return { run, send, view: () => companionView(run.actor.getSnapshot()) };
}

const actionsOf = (props: unknown) => (props as MessageProps).actions.map((a) => [a.labelKey, a.event.type]);

describe('companionView', () => {
  test('a phone paired already: つながりを解除 or 戻る; unpairing, unpaired, and a failure to retry', async () => {
    const { run, send, view } = start(pairedSpec);
    expect(view().screen).toBe(SCREEN.message);
    expect((view().props as MessageProps).titleKey).toBe('companion.title.connected');
    expect(actionsOf(view().props)).toEqual([
      ['companion.unpair', 'UNPAIR'],
      ['common.back', 'BACK'],
    ]);
    await send({ type: 'UNPAIR' });
    expect(view()).toMatchObject({ screen: SCREEN.status, props: { titleKey: 'companion.title.unpairing' } });
    await send(fail('unpairPhone', platformErrors.network()));
    expect(view().props).toMatchObject({ tone: 'error', body: { key: 'NETWORK_ERROR' } });
    expect(actionsOf(view().props)).toEqual([
      ['common.retry', 'RETRY'],
      ['common.back', 'BACK'],
    ]);
    await send({ type: 'RETRY' }, done('unpairPhone', undefined));
    expect((view().props as MessageProps).titleKey).toBe('companion.title.unpaired');
    expect(actionsOf(view().props)).toEqual([['companion.ok', 'OK']]);
    await send({ type: 'OK' });
    expect(run.actor.getSnapshot().output).toEqual({ outcome: 'unpaired' });
  });

  test('getting a code is a status screen; then the code, the addresses and the minutes left', async () => {
    const { send, view } = start();
    expect(view()).toEqual({
      screen: SCREEN.status,
      target: 'companion',
      props: { titleKey: 'companion.title', bodyKey: 'companion.starting' },
    });
    await send(done('startPairing', CODES));
    expect(view()).toEqual({
      screen: SCREEN.pairingCode,
      target: 'companion',
      props: {
        userCode: 'BCDF-GHJK',
        verificationUri: CODES.verificationUri,
        verificationUriComplete: CODES.verificationUriComplete,
        minutesLeft: 10,
        reconnecting: false,
      } satisfies PairingCodeProps,
    });
  });

  test('the minutes are rounded up, and a lost poll is said while the code stands', async () => {
    const { send, view } = start();
    await send(done('startPairing', { ...CODES, expiresInSeconds: 62 }), SECOND_PASSED);
    expect((view().props as PairingCodeProps).minutesLeft).toBe(2);
    await send(SECOND_PASSED, SECOND_PASSED);
    expect((view().props as PairingCodeProps).minutesLeft).toBe(1);
    await send(POLL_DUE, fail('pollPairing', platformErrors.network()));
    expect(view().props).toMatchObject({ userCode: 'BCDF-GHJK', reconnecting: true });
  });

  test('paired: a notice with the way home', async () => {
    const { send, view } = start();
    await send(
      done('startPairing', CODES),
      POLL_DUE,
      done('pollPairing', { status: 'paired', pairing: PAIRING }),
    );
    expect(view().screen).toBe(SCREEN.message);
    expect(view().props).toMatchObject({
      tone: 'notice',
      titleKey: 'companion.title.paired',
      body: { key: 'phonePaired' },
    });
    expect(actionsOf(view().props)).toEqual([['companion.ok', 'OK']]);
  });

  test.each([
    ['denied', 'companion.title.denied', 'ACCESS_DENIED'],
    ['expired', 'companion.title.expired', 'EXPIRED_TOKEN'],
  ] as const)('%s on the phone: why, a new code or leave', async (status, titleKey, key) => {
    const { send, view } = start();
    await send(done('startPairing', CODES), POLL_DUE, done('pollPairing', { status }));
    expect(view().props).toMatchObject({ tone: 'notice', titleKey, body: { key } });
    expect(actionsOf(view().props)).toEqual([
      ['companion.newCode', 'RETRY'],
      ['companion.leave', 'BACK'],
    ]);
  });

  test.each([
    ['unreachable', platformErrors.network(), 'NETWORK_ERROR'],
    ['not set up', new PairingError('INVALID_CLIENT', { status: 401 }), 'INVALID_CLIENT'],
  ])('%s: the error with RETRY, leave and the operator to call', async (_, error, key) => {
    const { send, view } = start();
    await send(fail('startPairing', error));
    expect(view().props).toMatchObject({ tone: 'error', body: { key }, contact: true });
    expect(actionsOf(view().props)).toEqual([
      ['common.retry', 'RETRY'],
      ['companion.leave', 'BACK'],
    ]);
  });
});

describe('companionView, logging in by the phone (no reader)', () => {
  const showing = async (send: ReturnType<typeof start>['send']) =>
    send(done('startPairing', CODES), POLL_DUE);

  test('the login title while asking, the code screen marked login, then "logging in"', async () => {
    const { send, view } = start('login');
    expect(view().props).toEqual({ titleKey: 'companion.login.title', bodyKey: 'companion.starting' });
    await send(done('startPairing', CODES));
    expect(view()).toMatchObject({
      screen: SCREEN.pairingCode,
      props: { login: true, userCode: 'BCDF-GHJK' },
    });
    await send(POLL_DUE, done('pollPairing', { status: 'loggedIn' }));
    expect(view()).toEqual({
      screen: SCREEN.status,
      target: 'companion',
      props: { titleKey: 'companion.login.title', bodyKey: 'companion.login.signingIn' },
    });
  });

  test.each([
    ['declined on the phone', undefined, 'notice', 'phoneLoginDeclined', false],
    ['a card not registered', 'REGISTRATION_REQUIRED', 'error', 'phoneLoginNotRegistered', true],
    ['a revoked certificate', 'CERTIFICATE_REVOKED', 'error', 'CERTIFICATE_REVOKED', true],
  ] as const)('%s: why, a new code or leave', async (_, reason, tone, key, contact) => {
    const { send, view } = start('login');
    await showing(send);
    await send(done('pollPairing', reason ? { status: 'denied', reason } : { status: 'denied' }));
    expect(view().props).toMatchObject({
      tone,
      titleKey: 'companion.login.title.denied',
      body: { key },
      contact,
    });
    expect(actionsOf(view().props)).toEqual([
      ['companion.newCode', 'RETRY'],
      ['companion.leave', 'BACK'],
    ]);
  });

  test('the profile did not come after the phone logged in: the error with RETRY and leave', async () => {
    const { send, view } = start('login');
    await showing(send);
    await send(done('pollPairing', { status: 'loggedIn' }), fail('loadSignedIn', platformErrors.network()));
    expect(view().props).toMatchObject({ tone: 'error', body: { key: 'NETWORK_ERROR' }, contact: true });
    expect(actionsOf(view().props)).toEqual([
      ['common.retry', 'RETRY'],
      ['companion.leave', 'BACK'],
    ]);
    await send({ type: 'RETRY' }, done('loadSignedIn', signedIn()));
    expect(view().props).toMatchObject({ titleKey: 'companion.login.title' });
  });
});
