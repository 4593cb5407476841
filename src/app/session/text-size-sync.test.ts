/**
 * The text-size flow beside the real session (its actors faked): a login with a profile size
 * applies it to the shell, the viewer's choice while logged in goes to the platform, and after
 * logout a choice stays on the box only.
 */
import { fromPromise } from 'xstate';
import { loggedIn } from '../../features/session/machine/test-support';
import { signedIn } from '../../machines/testing/fixtures';
import type { TextSize } from '../theme/tokens';
import { followTextSize } from './text-size-sync';

function shellAndPlatform() {
  const applied: TextSize[] = [];
  const saved: unknown[] = [];
  let choose: (size: TextSize) => void = () => undefined;
  const shell = {
    useTextSize: (size: TextSize) => applied.push(size),
    onTextSizeChosen: (listener: (size: TextSize) => void) => {
      choose = listener;
      return () => undefined;
    },
  };
  const actors = {
    saveTextSize: fromPromise<void, unknown>(async ({ input }) => {
      saved.push(input);
    }),
  };
  return { shell, actors, applied, saved, choose: (size: TextSize) => choose(size) };
}

const withPreferences = (textSize: TextSize) => {
  const login = signedIn();
  return {
    outcome: 'signedIn',
    signedIn: { ...login, profile: { ...login.profile, preferences: { textSize } } },
  };
};

describe('the text size follows the viewer', () => {
  it("applies the profile's size once logged in, saves the viewer's next choice, and nothing after logout", async () => {
    const run = await loggedIn(withPreferences('largest'));
    const { shell, actors, applied, saved, choose } = shellAndPlatform();
    const stop = followTextSize(shell, run.actor as never, actors);
    expect(applied).toEqual(['largest']);
    choose('standard');
    await new Promise((resolve) => setImmediate(resolve));
    expect(saved).toEqual([{ textSize: 'standard' }]);
    run.actor.send({ type: 'LOGOUT' });
    choose('large');
    await new Promise((resolve) => setImmediate(resolve));
    expect(saved).toEqual([{ textSize: 'standard' }]);
    stop();
  });
});
