/** The pairing machine's test model: the platform's answers, the viewer's keys and the two timers. */
import type { SnapshotFrom } from 'xstate';
import { done, fail, platformErrors, signedIn } from '../../../machines/testing/fixtures';
import { serializedWith, type ModelSpec } from '../../../machines/testing/model';
import { PairingError } from '../../../platform/errors';
import { CODES, PAIRING } from '../testing/pairing-data';
import { pairingMachine } from './pairing.machine';

type Snapshot = SnapshotFrom<typeof pairingMachine>;

/** The timers' events, as the clock would send them. */
export const POLL_DUE = { type: 'xstate.after.pollInterval.pairing.showing.poll.waiting' };
export const SECOND_PASSED = { type: 'xstate.after.1000.pairing.showing.clock.ticking' };

export const pairingSpec: ModelSpec<typeof pairingMachine> = {
  machine: pairingMachine,
  input: {},
  promiseActors: ['startPairing', 'pollPairing', 'loadSignedIn', 'unpairPhone'],
  events: [
    { type: 'UNPAIR' },
    done('unpairPhone', undefined),
    fail('unpairPhone', platformErrors.network()),
    { type: 'BACK' },
    { type: 'RETRY' },
    { type: 'OK' },
    POLL_DUE,
    SECOND_PASSED,
    done('startPairing', CODES),
    // Codes with one second to live: the next second runs them out.
    done('startPairing', { ...CODES, expiresInSeconds: 1 }),
    fail('startPairing', platformErrors.network()),
    fail('startPairing', new PairingError('INVALID_CLIENT', { status: 401 })),
    done('pollPairing', { status: 'pending', intervalSeconds: 5 }),
    done('pollPairing', { status: 'pending', intervalSeconds: 10 }),
    done('pollPairing', { status: 'paired', pairing: PAIRING }),
    done('pollPairing', { status: 'denied' }),
    // A login's answers: the session open, or the card read on the phone refused with a reason.
    done('pollPairing', { status: 'loggedIn' }),
    done('pollPairing', { status: 'denied', reason: 'REGISTRATION_REQUIRED' }),
    done('loadSignedIn', signedIn()),
    fail('loadSignedIn', platformErrors.network()),
    done('pollPairing', { status: 'expired' }),
    fail('pollPairing', platformErrors.network()),
    fail('pollPairing', new PairingError('UNEXPECTED_RESPONSE')),
  ],
  serialize: serializedWith((c: Snapshot['context']) => ({
    codes: c.codes?.userCode,
    intervalSeconds: c.intervalSeconds,
    // The countdown's value matters only as "time is up at the next second" or not.
    lastSecond: c.secondsLeft <= 1,
    pollFailures: c.pollFailures,
    pairing: c.pairing?.pairingId,
    refusal: c.refusal,
    signedIn: c.signedIn?.profile.customerNumber,
    error: c.error?.messageKey,
  })),
};

/** The same model opened with a phone paired already: つながりを解除 first, or a new code after it. */
export const pairedSpec: ModelSpec<typeof pairingMachine> = {
  ...pairingSpec,
  input: { pairing: PAIRING, now: PAIRING.expiresAt - 60_000 },
};
