import { createActor, createMachine, setup, toPromise, type AnyActorLogic } from 'xstate';
import { lazyFlowLogic } from './lazy-flow';

/** A flow that starts at its input's step and ends on NEXT with what it was given. */
const flow = setup({ types: { input: {} as { start: string } } }).createMachine({
  context: ({ input }) => ({ start: input.start }),
  initial: 'step',
  states: { step: { on: { NEXT: 'end' } }, end: { type: 'final' } },
  output: ({ context }) => ({ from: context.start }),
});

function chunk() {
  let machine: AnyActorLogic | undefined;
  let arrive: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => {
    arrive = () => {
      machine = flow;
      resolve();
    };
  });
  return {
    logic: lazyFlowLogic(
      () => machine,
      () => loaded,
    ),
    arrive,
  };
}

test('with its chunk in, the flow is its machine from the first snapshot', async () => {
  const { logic, arrive } = chunk();
  arrive();
  const actor = createActor(logic, { input: { start: 'home' } }).start();
  expect(actor.getSnapshot().value).toBe('step');
  actor.send({ type: 'NEXT' });
  expect(await toPromise(actor)).toEqual({ from: 'home' });
});

test('started before its chunk, it waits without a state, drops events, then starts with its input', async () => {
  const { logic, arrive } = chunk();
  const actor = createActor(logic, { input: { start: 'inbox' } }).start();
  expect(actor.getSnapshot()).toMatchObject({ status: 'active' });
  expect('value' in actor.getSnapshot()).toBe(false);
  actor.send({ type: 'NEXT' });
  arrive();
  await Promise.resolve();
  await Promise.resolve();
  expect(actor.getSnapshot().value).toBe('step');
  actor.send({ type: 'NEXT' });
  expect(await toPromise(actor)).toEqual({ from: 'inbox' });
});

test('invoked by a parent, its end is the parent’s done event either way', async () => {
  const { logic, arrive } = chunk();
  const parent = createMachine({
    initial: 'running',
    states: {
      running: { invoke: { id: 'flow', src: logic, input: { start: 'x' }, onDone: 'finished' } },
      finished: { type: 'final' },
    },
  });
  const actor = createActor(parent).start();
  arrive();
  await Promise.resolve();
  await Promise.resolve();
  actor.getSnapshot().children.flow?.send({ type: 'NEXT' });
  expect(actor.getSnapshot().value).toBe('finished');
});
