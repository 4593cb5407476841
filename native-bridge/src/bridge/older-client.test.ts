/**
 * Version skew the other way: an app one spec revision older (document 1.x) against this bridge.
 * Such a client never calls getInfo and never sends `cardId`; it reads `readers[].name/card` and
 * `token`, ignores members it does not know (BR-VER-4), and confirms the last try with the one-time
 * value. Everything it does must still be served, on the reference bridge with the in-process
 * virtual card: a login signature that verifies, the signature certificate, the tries, the events.
 */
import { X509Certificate, createVerify } from 'node:crypto';
import { authTries, bridgePerTest, errorOf, signParams } from './testing/bridge-per-test';

const fixture = bridgePerTest('madoguchi-older-client-');

/** The card values and members a 1.x client knows. */
const OLDER_CARD_STATES = ['absent', 'present', 'unsupported', 'mute'];
type OlderStatus = { readers: { name: string; card: string }[]; token?: string };

/**
 * What a 1.x client reads of a status: the members it knows. Like the 1.x app, it ignores a whole
 * status with a card value it does not know (`checking`, new in 2.0, shown while a card is
 * classified, BR-EVT-4), and keeps the last one it could read.
 */
function readAsOlder(status: unknown): OlderStatus | undefined {
  const { readers, token } = status as OlderStatus;
  if (!readers.every((reader) => OLDER_CARD_STATES.includes(reader.card))) return undefined;
  for (const reader of readers) expect(typeof reader.name).toBe('string');
  expect(token === undefined || token === 'JPKIAPICCTOKEN2').toBe(true);
  return { readers: readers.map(({ name, card }) => ({ name, card })), ...(token ? { token } : {}) };
}

const result = <T>(response: Record<string, unknown>): T => {
  expect(response.error).toBeUndefined();
  return response.result as T;
};

test('a 1.x client logs in: status, certificate, tries and a signature that verifies, without cardId', async () => {
  const { client } = fixture;
  expect(result(await client.call('register', { event: 'statusChanged', id: 'older.app' }))).toBe(0);
  const status = readAsOlder(result(await client.call('getStatus')));
  expect(status).toEqual({
    readers: [{ name: expect.any(String), card: 'present' }],
    token: 'JPKIAPICCTOKEN2',
  });
  const { der } = result<{ der: string }>(await client.call('readCertificate', { slot: 'auth' }));
  const certificate = new X509Certificate(Buffer.from(der, 'base64'));
  expect(result(await client.call('getPinStatus', { pin: 'auth' }))).toEqual({
    triesLeft: 3,
    maxTries: 3,
    locked: false,
  });
  const params = signParams('1234');
  const { signature } = result<{ signature: string }>(await client.call('sign', params));
  const verifier = createVerify('sha256');
  verifier.update('c');
  expect(verifier.verify(certificate.publicKey, Buffer.from(signature, 'base64'))).toBe(true);
  expect(params).not.toHaveProperty('cardId');
});

test('a 1.x client reads the signature certificate with the sign password, without cardId', async () => {
  const { der } = result<{ der: string }>(
    await fixture.client.call('readSignCertificate', { pin: 'ABC123' }),
  );
  expect(() => new X509Certificate(Buffer.from(der, 'base64'))).not.toThrow();
});

test('a 1.x client spends the last try only with the value the bridge gave it', async () => {
  const { client } = fixture;
  for (const tries of [2, 1]) {
    expect(errorOf(await client.call('sign', signParams('9999')))).toMatchObject({
      code: -32010,
      data: { triesLeft: tries },
    });
  }
  const refusal = errorOf<{ confirmation: string }>(await client.call('sign', signParams('1234')));
  expect(refusal.code).toBe(-32012);
  expect(await authTries(client)).toBe(1);
  const confirmed = signParams('1234', { confirmLastAttempt: refusal.data!.confirmation });
  expect(result<{ signature: string }>(await client.call('sign', confirmed)).signature).toBeTruthy();
  expect(await authTries(client)).toBe(3);
});

test('a 1.x client is told of removal and insertion, in members it knows', async () => {
  const { client } = fixture;
  await client.call('register', { event: 'statusChanged', id: 'older.app' });
  await client.call('MyNumberCardSimulator.1.removeCard');
  await client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'normal' });
  const deadline = Date.now() + 5000;
  const seen = () => client.notifications.flatMap((notification) => readAsOlder(notification.params) ?? []);
  while (!seen().some((status) => status.token) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const cards = seen().map((status) => status.readers[0]?.card);
  expect(cards[0]).toBe('absent');
  expect(cards.at(-1)).toBe('present');
  expect(client.notifications.every((n) => n.method === 'older.app.statusChanged')).toBe(true);
});
