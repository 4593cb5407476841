/** The binding hands the shell a view only when what shows changes, and follows the child flows. */
import { settle } from '../../machines/testing/fake-actors';
import { sessionWithFakeLogin } from '../testing/shell';
import { DEFAULT_SETTINGS } from '../settings/settings';
import type { AppView } from '../view/app-view';
import { SessionBinding } from './binding';
import { SCREEN } from '../screens/ids';

function start() {
  const { session, fakes } = sessionWithFakeLogin();
  const views: AppView[] = [];
  const binding = new SessionBinding(session, DEFAULT_SETTINGS, (view) => views.push(view));
  session.start();
  binding.start();
  return { fakes, session, binding, views };
}

describe('SessionBinding', () => {
  test('ACTIVITY on every key does not re-render an unchanged screen', async () => {
    const { fakes, session, views } = start();
    fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'absent' });
    const before = views.length;
    expect(views.at(-1)?.main.screen).toBe(SCREEN.insertCard);
    session.send({ type: 'ACTIVITY' });
    session.send({ type: 'ACTIVITY' });
    expect(views.length).toBe(before);
    await settle();
  });

  test("follows the login flow's own changes and routes events to it", async () => {
    const { fakes, binding, views } = start();
    fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'present' });
    await settle();
    expect(views.at(-1)?.main).toMatchObject({
      screen: SCREEN.pinEntry,
      target: 'login',
      props: { digits: 0 },
    });
    binding.send('login', { type: 'DIGIT', digit: '7' });
    expect(views.at(-1)?.main.props).toMatchObject({ digits: 1 });
    expect(JSON.stringify(views)).not.toContain('"7"');
    binding.stop();
    binding.send('login', { type: 'DIGIT', digit: '8' });
    expect(views.at(-1)?.main.props).toMatchObject({ digits: 1 });
  });
});
