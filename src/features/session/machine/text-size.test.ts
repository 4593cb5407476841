/**
 * The text size between the box and the viewer's profile, without a screen: the actor saving to
 * the platform is a fake the test settles, and the clock is simulated.
 */
import { createActor, SimulatedClock } from 'xstate';
import { FakeActors, settle } from '../../../machines/testing/fake-actors';
import { profile } from '../../../machines/testing/fixtures';
import type { TextSizeChoice } from '../../../machines/ports';
import { SAVE_RETRY_MS, textSizeMachine } from './text-size.machine';

function start() {
  const fakes = new FakeActors(['saveTextSize']);
  const clock = new SimulatedClock();
  const actor = createActor(textSizeMachine.provide({ actors: fakes.logic as never }), { clock });
  const applied: TextSizeChoice[] = [];
  actor.on('applyTextSize', ({ size }) => applied.push(size));
  actor.start();
  const saves = () => fakes.inputsOf('saveTextSize');
  return { actor, fakes, clock, applied, saves };
}

const withSize = (textSize?: TextSizeChoice) => ({
  ...profile(),
  ...(textSize ? { preferences: { textSize } } : {}),
});

describe('text size and the profile', () => {
  it("applies the profile's size at login when the viewer chose none on this box", () => {
    const { actor, applied, saves } = start();
    actor.send({ type: 'SIGNED_IN', profile: withSize('largest') });
    expect([applied, saves()]).toEqual([['largest'], []]);
  });

  it('changes nothing at login when the profile has no size', () => {
    const { actor, applied, saves } = start();
    actor.send({ type: 'SIGNED_IN', profile: withSize() });
    expect([applied, saves(), actor.getSnapshot().value]).toEqual([[], [], { signedIn: 'idle' }]);
  });

  it('saves a size chosen at the card prompt at login, over the older one in the profile', async () => {
    const { actor, fakes, applied, saves } = start();
    actor.send({ type: 'CHOSEN', size: 'large' });
    expect(saves()).toEqual([]); // nobody to save it for yet
    actor.send({ type: 'SIGNED_IN', profile: withSize('standard') });
    expect([applied, saves()]).toEqual([[], [{ textSize: 'large' }]]);
    fakes.resolve('saveTextSize', undefined);
    await settle();
    expect(actor.getSnapshot().value).toEqual({ signedIn: 'idle' });
  });

  it('saves a size chosen while logged in; a newer choice replaces a save under way', async () => {
    const { actor, fakes, saves } = start();
    actor.send({ type: 'SIGNED_IN', profile: withSize() });
    actor.send({ type: 'CHOSEN', size: 'large' });
    actor.send({ type: 'CHOSEN', size: 'largest' });
    expect(saves()).toEqual([{ textSize: 'large' }, { textSize: 'largest' }]);
    fakes.resolve('saveTextSize', undefined);
    await settle();
    expect([actor.getSnapshot().value, actor.getSnapshot().context.unsaved]).toEqual([
      { signedIn: 'idle' },
      undefined,
    ]);
  });

  it('tries a failed save once more after a pause, then leaves it to the box', async () => {
    const { actor, fakes, clock, saves } = start();
    actor.send({ type: 'SIGNED_IN', profile: withSize() });
    actor.send({ type: 'CHOSEN', size: 'largest' });
    fakes.reject('saveTextSize', new Error('PLATFORM_UNAVAILABLE'));
    await settle();
    expect([actor.getSnapshot().value, saves().length]).toEqual([{ signedIn: 'waitingToRetry' }, 1]);
    clock.increment(SAVE_RETRY_MS - 1);
    expect(saves().length).toBe(1);
    clock.increment(1);
    expect(saves()).toEqual([{ textSize: 'largest' }, { textSize: 'largest' }]);
    fakes.reject('saveTextSize', new Error('PLATFORM_UNAVAILABLE'));
    await settle();
    clock.increment(SAVE_RETRY_MS * 2);
    expect([actor.getSnapshot().value, saves().length]).toEqual([{ signedIn: 'idle' }, 2]);
  });

  it('forgets an unsaved choice at logout, and the next viewer gets their own profile size', () => {
    const { actor, applied, saves } = start();
    actor.send({ type: 'SIGNED_IN', profile: withSize() });
    actor.send({ type: 'CHOSEN', size: 'large' });
    actor.send({ type: 'SIGNED_OUT' });
    expect(actor.getSnapshot().value).toBe('signedOut');
    actor.send({ type: 'SIGNED_IN', profile: withSize('largest') });
    expect([applied, saves().length]).toEqual([['largest'], 1]);
  });
});
