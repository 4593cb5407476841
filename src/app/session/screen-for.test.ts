import { createDemoSession } from './demo-session';
import { screenFor } from './screen-for';

describe('screenFor', () => {
  it('shows the insert-card screen while the session waits for a card', () => {
    const session = createDemoSession().start();
    expect(session.getSnapshot().value).toBe('waitingForCard');
    expect(screenFor(session.getSnapshot())).toBe('insert-card');
    session.stop();
  });

  it('falls back to the pending screen elsewhere', () => {
    expect(screenFor({ matches: () => false })).toBe('pending');
  });
});
