/** Steps the session's tests share: logging in with fakes, and the platform refusing a refresh. */
import { settle } from '../../../machines/testing/fake-actors';
import { done, fail, signedIn } from '../../../machines/testing/fixtures';
import { dispatch, startWithFakes, type PathRun } from '../../../machines/testing/model';
import type { sessionMachine } from './session.machine';
import { sessionSpec } from './session.test-model';

export type SessionRun = PathRun<typeof sessionMachine>;

/** The session with its actors faked: a card in, then the login flow ends with `login`. */
export async function loggedIn(login = { outcome: 'signedIn', signedIn: signedIn() }): Promise<SessionRun> {
  const run = startWithFakes(sessionSpec) as SessionRun;
  await settle();
  run.fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'present' });
  await settle();
  await dispatch(run as never, done('login', login));
  return run;
}

/** The tokens' refresh comes due (240 s after the login) and the platform answers `error`. */
export async function refreshFailsWith(run: SessionRun, error: unknown): Promise<void> {
  run.clock.increment(240_000);
  await dispatch(run as never, fail('refreshTokens', error));
}
