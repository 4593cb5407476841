/** Pairing a phone in the session: opened from home, home again after, the pairing kept until logout. */
import { CARD_ID, done, signedIn } from '../../../machines/testing/fixtures';
import { startFlow } from '../../../machines/testing/flow-run';
import { PAIRING } from '../../companion/testing/pairing-data';
import { sessionSpec } from './session.test-model';

async function atHome() {
  const flow = await startFlow(sessionSpec);
  flow.fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'present', cardId: CARD_ID });
  await flow.send(done('login', { outcome: 'signedIn', signedIn: signedIn() }));
  return flow;
}

describe('pairing a phone', () => {
  test('a paired phone is kept in the session, and home shows again', async () => {
    const flow = await atHome();
    await flow.send({ type: 'OPEN', section: 'companion' });
    expect(flow.snapshot().matches({ loggedIn: { screen: 'companion' } })).toBe(true);
    await flow.send(done('companion', { outcome: 'paired', pairing: PAIRING }));
    expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
    expect(flow.snapshot().context.pairing).toEqual(PAIRING);
    // Leaving a later pairing keeps the phone paired before.
    await flow.send({ type: 'OPEN', section: 'companion' });
    await flow.send(done('companion', { outcome: 'closed' }));
    expect(flow.snapshot().context.pairing).toEqual(PAIRING);
  });

  test('pairing opens at the phone paired already; unpairing forgets it', async () => {
    const flow = await atHome();
    await flow.send({ type: 'OPEN', section: 'companion' });
    await flow.send(done('companion', { outcome: 'paired', pairing: PAIRING }));
    await flow.send({ type: 'OPEN', section: 'companion' });
    expect(flow.fakes.inputsOf('companion').at(-1)).toEqual({ scope: 'pairing', pairing: PAIRING });
    await flow.send(done('companion', { outcome: 'unpaired' }));
    expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
    expect(flow.snapshot().context.pairing).toBeUndefined();
  });

  test('logging out forgets the pairing', async () => {
    const flow = await atHome();
    await flow.send({ type: 'OPEN', section: 'companion' });
    await flow.send(done('companion', { outcome: 'paired', pairing: PAIRING }));
    await flow.send({ type: 'LOGOUT' });
    expect(flow.snapshot().context.pairing).toBeUndefined();
  });
});

describe('the phone’s touch remote', () => {
  const remoteRunning = (flow: Awaited<ReturnType<typeof atHome>>) =>
    flow.snapshot().matches({ loggedIn: { phone: 'remote' } });

  test('runs only while a phone is paired: from pairing to unpairing', async () => {
    const flow = await atHome();
    expect(flow.snapshot().matches({ loggedIn: { phone: 'unpaired' } })).toBe(true);
    await flow.send({ type: 'OPEN', section: 'companion' });
    await flow.send(done('companion', { outcome: 'paired', pairing: PAIRING }));
    expect(remoteRunning(flow)).toBe(true);
    expect(flow.fakes.inputsOf('phoneRemote')).toHaveLength(1);
    await flow.send({ type: 'OPEN', section: 'companion' });
    await flow.send(done('companion', { outcome: 'unpaired' }));
    expect(flow.snapshot().matches({ loggedIn: { phone: 'unpaired' } })).toBe(true);
  });

  test('stops at logout, and when the platform says the pairing ended', async () => {
    const flow = await atHome();
    await flow.send({ type: 'OPEN', section: 'companion' });
    await flow.send(done('companion', { outcome: 'paired', pairing: PAIRING }));
    await flow.send(done('phoneRemote', { outcome: 'unpaired' }));
    // Forgotten: the companion item offers a new pairing, not つながりを解除 of one that is gone.
    expect(flow.snapshot().matches({ loggedIn: { phone: 'unpaired' } })).toBe(true);
    expect(flow.snapshot().context.pairing).toBeUndefined();
    await flow.send({ type: 'OPEN', section: 'companion' });
    expect(flow.fakes.inputsOf('companion').at(-1)).toEqual({ scope: 'pairing', pairing: undefined });
    await flow.send({ type: 'LOGOUT' });
    expect(flow.snapshot().matches('loggedIn')).toBe(false);
    expect(flow.snapshot().children.phoneRemote).toBeUndefined();
  });
});
