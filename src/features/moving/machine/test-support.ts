/**
 * Driving the moving flow in a test: every actor a fake whose answer the test sets (a promise per
 * call), the real secret entry around a fake `submit`, and the clock Jest's (polling).
 */
import { createActor, fromPromise, type AnyActorRef } from 'xstate';
import { CARD_ID, pinStatus } from '../../../machines/testing/fixtures';
import type {
  AddressChange,
  AddressChangeInput,
  CreateAddressChangeInput,
  MoveDetails,
  PinStatus,
  ReadPinStatusInput,
  SignedConsent,
} from '../../../machines/ports';
import { passwordEntryMachine, type SubmitInput } from '../../secret-entry/machine/secret-entry.machine';
import { addressChange, moveDetails } from '../testing/moving-data';
import { movingMachine, type MovingEvent } from './moving.machine';

export const POLL_MS = 1000;
export const PASSWORD = 'ABC123';

export const SIGNED: SignedConsent = {
  challenge: 'Y2hhbGxlbmdl',
  signCertificate: 'Y2VydA',
  signature: 'c2ln',
};

/** A call that fails with `error` until `heal()`, then answers `answer`: a failure the test then lifts. */
export function failingUntilHealed<T>(
  error: unknown,
  answer: T,
): { call: () => Promise<T>; heal: () => void } {
  let failing = true;
  return {
    call: () => (failing ? Promise.reject(error) : Promise.resolve(answer)),
    heal: () => {
      failing = false;
    },
  };
}

export interface Answers {
  details: () => Promise<MoveDetails>;
  status: () => Promise<PinStatus>;
  submit: (input: SubmitInput) => Promise<SignedConsent>;
  create: () => Promise<AddressChange>;
  load: () => Promise<AddressChange>;
}

export function startMoving(answers: Partial<Answers> = {}) {
  const all: Answers = {
    details: () => Promise.resolve(moveDetails),
    status: () => Promise.resolve(pinStatus(5, 5)),
    submit: () => Promise.resolve(SIGNED),
    create: () => Promise.resolve(addressChange({ cable: 'sending', insurer: 'sending', energy: 'sending' })),
    load: () =>
      Promise.resolve(addressChange({ cable: 'completed', insurer: 'completed', energy: 'completed' })),
    ...answers,
  };
  const calls = {
    submit: [] as SubmitInput[],
    create: [] as CreateAddressChangeInput[],
    load: 0,
    details: 0,
    /** What each count read asked for (which password, of which card). */
    status: [] as ReadPinStatusInput[],
    /** The request each status fetch asked about. */
    loaded: [] as string[],
  };
  const machine = movingMachine.provide({
    actors: {
      fetchMoveDetails: fromPromise(() => {
        calls.details += 1;
        return all.details();
      }),
      readPinStatus: fromPromise(({ input }: { input: ReadPinStatusInput }) => {
        calls.status.push(input);
        return all.status();
      }),
      passwordEntry: passwordEntryMachine.provide({
        actors: {
          submit: fromPromise<unknown, SubmitInput>(({ input }) => {
            calls.submit.push(input);
            return all.submit(input);
          }),
        },
      }),
      createAddressChange: fromPromise(({ input }: { input: CreateAddressChangeInput }) => {
        calls.create.push(input);
        return all.create();
      }),
      loadAddressChange: fromPromise(({ input }: { input: AddressChangeInput }) => {
        calls.load += 1;
        calls.loaded.push(input.requestId);
        return all.load();
      }),
    },
  });
  const actor = createActor(machine, { input: { cardId: CARD_ID, pollMs: POLL_MS } }).start();
  const settle = () => jest.advanceTimersByTimeAsync(0);
  const send = async (...events: MovingEvent[]) => {
    for (const event of events) {
      actor.send(event);
      await settle();
    }
  };
  const entry = () => (actor.getSnapshot().children as Record<string, AnyActorRef | undefined>).passwordEntry;
  return { actor, calls, send, settle, entry, state: () => actor.getSnapshot(), answers: all };
}

export const typePassword = (password = PASSWORD): MovingEvent[] => [
  ...[...password].map((char) => ({ type: 'CHAR' as const, char })),
  { type: 'OK' },
];

/** Consent given, the details loaded: at the choice of services. */
export async function atChoice(answers: Partial<Answers> = {}) {
  const flow = startMoving(answers);
  await flow.send({ type: 'CONFIRM' });
  return flow;
}

/** At the password entry, with the default choice. */
export async function atPassword(answers: Partial<Answers> = {}) {
  const flow = await atChoice(answers);
  await flow.send({ type: 'NEXT' }, { type: 'CONFIRM' });
  return flow;
}
