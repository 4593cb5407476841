/** companionView against the real pairing machine, driven through its states with FakeActors. */
import { done, fail, platformErrors } from '../../../machines/testing/fixtures';
import { dispatch, startWithFakes } from '../../../machines/testing/model';
import { SCREEN } from '../../../app/screens/ids';
import type { MessageProps } from '../../../app/view/app-view';
import { PairingError } from '../../../platform/errors';
import { pairedSpec, pairingSpec, POLL_DUE, SECOND_PASSED } from '../machine/pairing.test-model';
import { CODES, PAIRING } from '../testing/pairing-data';
import { companionView, type PairingCodeProps } from './companion-view';

function start(spec = pairingSpec) {
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
