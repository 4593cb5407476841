import { timePaired } from './timing';

/** A clock that each fake call advances by its own duration. */
function fakeRig() {
  let now = 0;
  const calls: string[] = [];
  const clock = () => now;
  const call =
    <T>(side: string, ms: number, result: T) =>
    async () => {
      calls.push(side);
      now += ms;
      return result;
    };
  return { clock, calls, call };
}

describe('timePaired', () => {
  it('times each side on its own and alternates which goes first', async () => {
    const { clock, calls, call } = fakeRig();
    const samples = await timePaired(
      () => ({ ours: call('ours', 3, 'o'), floor: call('floor', 1, 'f'), check: () => undefined }),
      4,
      clock,
    );
    expect(samples).toEqual({ ours: [3, 3, 3, 3], floor: [1, 1, 1, 1] });
    expect(calls).toEqual(['ours', 'floor', 'floor', 'ours', 'ours', 'floor', 'floor', 'ours']);
  });

  it('checks both results of an iteration, after the timed calls', async () => {
    const { clock, call } = fakeRig();
    const checked: [string, number][] = [];
    let input = 0;
    await timePaired(
      () => {
        input++;
        return {
          ours: call('ours', 2, `o${input}`),
          floor: call('floor', 1, input),
          check: (ours: string, floor: number) => checked.push([ours, floor]),
        };
      },
      2,
      clock,
    );
    expect(checked).toEqual([
      ['o1', 1],
      ['o2', 2],
    ]);
  });

  it('waits for the pace before each iteration, outside the timed span', async () => {
    const { clock, calls, call } = fakeRig();
    const pace = async () => {
      calls.push('pace');
    };
    const samples = await timePaired(
      () => ({ ours: call('ours', 2, 'o'), floor: call('floor', 1, 'f'), check: () => undefined }),
      2,
      clock,
      pace,
    );
    expect(calls).toEqual(['pace', 'ours', 'floor', 'pace', 'floor', 'ours']);
    expect(samples).toEqual({ ours: [2, 2], floor: [1, 1] });
  });

  it('stops at the first failed check or call', async () => {
    const { clock, call } = fakeRig();
    const failing = () => ({
      ours: call('ours', 1, 0),
      floor: call('floor', 1, 1),
      check: () => {
        throw new Error('wrong answer');
      },
    });
    await expect(timePaired(failing, 3, clock)).rejects.toThrow('wrong answer');
    const rejecting = () => ({
      ours: () => Promise.reject(new Error('closed')),
      floor: call('floor', 1, 1),
      check: () => undefined,
    });
    await expect(timePaired(rejecting, 1, clock)).rejects.toThrow('closed');
  });
});
