/**
 * The last try is spent only on the viewer's word: at one try left, only the one-time value the
 * bridge handed out (same connection, same PIN, in time, once) lets a PIN reach the card. Checked
 * on the reference bridge with the in-process virtual card, whose PIN counter is the judge.
 */
import { CONFIRMATION_LIFETIME_MS, CONFIRMATION_PATTERN } from '../../../stb-spec/protocol/names';
import { checkAgainst, ErrorData } from '../../../stb-spec/protocol';
import { RawClient } from '../../../mocks/dev-bridge/test-bridge';
import { authTries, bridgePerTest, errorOf, signParams } from './testing/bridge-per-test';

let clock: number;
beforeEach(() => {
  clock = 1_000_000;
});
const fixture = bridgePerTest('madoguchi-last-try-', { scenario: 'last-try', now: () => clock });

const signAuth = (pin: string, confirmLastAttempt?: unknown) =>
  signParams(pin, confirmLastAttempt === undefined ? {} : { confirmLastAttempt });
type LastTryData = { triesLeft?: number; confirmation?: string };
type RpcError = ReturnType<typeof errorOf<LastTryData>>;

/** A refusal of the last try: -32012 with a fresh value the schema accepts. */
function expectRefusal(error: RpcError): string {
  expect(error.code).toBe(-32012);
  expect(error.data).toEqual({
    triesLeft: 1,
    confirmation: expect.stringMatching(new RegExp(CONFIRMATION_PATTERN)),
  });
  expect(checkAgainst(ErrorData.LAST_ATTEMPT_NEEDS_CONFIRMATION!, error.data)).toBeUndefined();
  return error.data!.confirmation!;
}

/** A wrong PIN with this confirmation: if it reached the card, the card would lock. */
async function expectWrongPinKeepsTheTry(confirmLastAttempt: unknown): Promise<string> {
  const fresh = expectRefusal(
    errorOf<LastTryData>(await fixture.client.call('sign', signAuth('9999', confirmLastAttempt))),
  );
  expect(await authTries(fixture.client)).toBe(1);
  return fresh;
}

it('without a confirmation: -32012 with a one-time value, and the PIN never reaches the card', async () => {
  await expectWrongPinKeepsTheTry(undefined);
});

it('a bare true never confirms: -32012 again, with a fresh value, the try kept', async () => {
  const first = expectRefusal(errorOf<LastTryData>(await fixture.client.call('sign', signAuth('9999'))));
  const second = await expectWrongPinKeepsTheTry(true);
  expect(second).not.toBe(first);
});

it('the handed-out value spends the try once, and never again', async () => {
  const value = expectRefusal(errorOf<LastTryData>(await fixture.client.call('sign', signAuth('9999'))));
  expect(errorOf<LastTryData>(await fixture.client.call('sign', signAuth('9999', value)))).toMatchObject({
    code: -32011,
  });
  expect(await authTries(fixture.client)).toBe(0);
  // The card is locked now; the spent value has no effect on a fresh last-try card either.
  await fixture.client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'last-try' });
  await fixture.bridge.cards.settled();
  await expectWrongPinKeepsTheTry(value);
});

it('the right PIN with the value signs, and resets the counter', async () => {
  const value = expectRefusal(errorOf<LastTryData>(await fixture.client.call('sign', signAuth('1234'))));
  expect((await fixture.client.call('sign', signAuth('1234', value))).result).toHaveProperty('signature');
  expect(await authTries(fixture.client)).toBe(3);
});

it('a value presented a second time is refused with a fresh one', async () => {
  const value = expectRefusal(errorOf<LastTryData>(await fixture.client.call('sign', signAuth('1234'))));
  expect((await fixture.client.call('sign', signAuth('1234', value))).result).toHaveProperty('signature');
  for (let i = 0; i < 2; i++) await fixture.client.call('sign', signAuth('0000'));
  expect(await authTries(fixture.client)).toBe(1);
  await expectWrongPinKeepsTheTry(value);
});

it('an expired value is refused; one just inside its lifetime works', async () => {
  const stale = expectRefusal(errorOf<LastTryData>(await fixture.client.call('sign', signAuth('9999'))));
  clock += CONFIRMATION_LIFETIME_MS;
  const fresh = await expectWrongPinKeepsTheTry(stale);
  clock += CONFIRMATION_LIFETIME_MS - 1;
  expect((await fixture.client.call('sign', signAuth('1234', fresh))).result).toHaveProperty('signature');
});

it("another connection's value is refused, and does not spend the try there", async () => {
  const value = expectRefusal(errorOf<LastTryData>(await fixture.client.call('sign', signAuth('9999'))));
  const other = await RawClient.connect(fixture.bridge.url);
  try {
    const fresh = expectRefusal(errorOf<LastTryData>(await other.call('sign', signAuth('9999', value))));
    expect(await authTries(fixture.client)).toBe(1);
    // The value still belongs to its own connection, the other's fresh value to the other.
    await expectWrongPinKeepsTheTry(fresh);
  } finally {
    other.close();
  }
});

it("another PIN's value is refused: the signature password's value never confirms the auth PIN", async () => {
  // Drive the signature password down to its last try (5 tries).
  for (let i = 0; i < 4; i++) await fixture.client.call('readSignCertificate', { pin: 'WRONG1' });
  const signValue = expectRefusal(
    errorOf<LastTryData>(await fixture.client.call('readSignCertificate', { pin: 'WRONG1' })),
  );
  await expectWrongPinKeepsTheTry(signValue);
  expect((await fixture.client.call('getPinStatus', { pin: 'sign' })).result).toMatchObject({ triesLeft: 1 });
  // And within the signature password, readSignCertificate's value confirms a sign with the sign key.
  const value = expectRefusal(
    errorOf<LastTryData>(await fixture.client.call('readSignCertificate', { pin: 'ABC123' })),
  );
  const signed = await fixture.client.call('sign', { ...signAuth('ABC123', value), key: 'sign' });
  expect(signed.result).toHaveProperty('signature');
  expect((await fixture.client.call('getPinStatus', { pin: 'sign' })).result).toMatchObject({ triesLeft: 5 });
});

it('a value of the right shape but never handed out is refused', async () => {
  await expectWrongPinKeepsTheTry('A'.repeat(43));
});
