/** The pairing flow's actors on the SDK's shape: the scope asked for, and a login's session taken up. */
import { createActor, toPromise } from 'xstate';
import { signedIn } from '../../machines/testing/fixtures';
import type { PairingPoll } from '../../platform/resources/pairing';
import type { TokenPair } from '../../platform/types';
import { CODES } from '../../features/companion/testing/pairing-data';
import { phoneActors, type PairingPort } from './companion-actors';
import { pairingMachine } from '../../features/companion/machine/pairing.machine';

const BOX = { clientId: CODES.clientId, boxId: 'box-0123456789abcdef', boxName: 'テレビ' };
const TOKENS: TokenPair = {
  tokenType: 'Bearer',
  accessToken: 'access',
  accessTokenExpiresAt: '2026-12-07T03:05:00Z',
  refreshToken: 'refresh',
  refreshTokenExpiresAt: '2026-12-07T11:00:00Z',
};

function withPolls(polls: PairingPoll[]) {
  const scopes: unknown[] = [];
  const port: PairingPort = {
    start: async (_box, options) => {
      scopes.push(options?.scope);
      return { ...CODES, intervalSeconds: 0 };
    },
    poll: async () => polls.shift() ?? { status: 'pending', intervalSeconds: 0 },
    sendToPhone: () => Promise.reject(new Error('not in this test')),
    unpair: () => Promise.reject(new Error('not in this test')),
  };
  const taken: TokenPair[] = [];
  const viewer = signedIn();
  const machine = phoneActors(
    port,
    async () => BOX,
    () => undefined,
    async (tokens) => {
      taken.push(tokens);
      return viewer;
    },
  ).provideCompanion(pairingMachine);
  return { machine, scopes, taken, viewer };
}

test('a login asks with scope login; the poll that opens the session hands its tokens to the profile fetch', async () => {
  const { machine, scopes, taken, viewer } = withPolls([{ status: 'loggedIn', tokens: TOKENS }]);
  const actor = createActor(machine, { input: { scope: 'login' } }).start();
  expect(await toPromise(actor)).toEqual({ outcome: 'signedIn', signedIn: viewer });
  expect(scopes).toEqual(['login']);
  expect(taken).toEqual([TOKENS]);
});

test("the platform's reason for refusing the card read on the phone reaches the flow", async () => {
  const { machine } = withPolls([
    { status: 'denied', error: new Error('refused') as never, reason: 'CERTIFICATE_REVOKED' },
  ]);
  const actor = createActor(machine, { input: { scope: 'login' } }).start();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(actor.getSnapshot().value).toBe('denied');
  expect(actor.getSnapshot().context.refusal).toBe('CERTIFICATE_REVOKED');
  actor.stop();
});
