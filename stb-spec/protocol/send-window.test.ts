import { LIMITS } from './names';
import { SendWindow } from './send-window';

describe('SendWindow', () => {
  it('lets a budget of messages through in any window, then waits until the oldest leaves it', () => {
    const window = new SendWindow(3, 1000);
    for (const at of [0, 10, 20]) {
      expect(window.delayAt(at)).toBe(0);
      window.record(at);
    }
    expect(window.roomAt(30)).toBe(0);
    expect(window.delayAt(30)).toBe(970);
    expect(window.delayAt(999)).toBe(1);
    expect(window.delayAt(1000)).toBe(0); // the bridge no longer counts the message sent at 0
    expect(window.roomAt(1000)).toBe(1);
    window.record(1000);
    expect(window.delayAt(1001)).toBe(9);
    expect(window.roomAt(1021)).toBe(2);
  });

  it('refuses a budget below one message', () => {
    expect(() => new SendWindow(0)).toThrow(RangeError);
    expect(() => new SendWindow(1.5)).toThrow(RangeError);
  });

  it('keeps a share below the limit the bridge announces, so its own count never exceeds it', () => {
    expect(SendWindow.forLimit(200).budget).toBe(180);
    expect(SendWindow.forLimit(200, 0.75).budget).toBe(150);
    expect(SendWindow.forLimit(1).budget).toBe(1);
    expect(SendWindow.forLimit().budget).toBe(Math.floor(LIMITS.maxMessagesPerSecond * 0.9));
    // A client sending as fast as the window allows, checked with the bridge's own rule.
    const limit = 200;
    const window = SendWindow.forLimit(limit);
    const sent: number[] = [];
    let now = 0;
    while (sent.length < 1000) {
      for (let delay = window.delayAt(now); delay > 0; delay = window.delayAt(now)) now += delay;
      window.record(now);
      sent.push(now);
      now += 1; // a round trip far shorter than the budget allows for
    }
    const worst = Math.max(...sent.map((at) => sent.filter((t) => t > at - 1000 && t <= at).length));
    expect(worst).toBeLessThanOrEqual(limit);
    expect(worst).toBe(180);
  });
});
