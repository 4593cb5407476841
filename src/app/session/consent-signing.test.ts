/**
 * Registration's signature and the address change's consent go through one card sequence: sign
 * with the signature password first, then read the sign certificate with it. A wrong password
 * fails the sign and nothing else touches the card (one try spent at most); the last-try value
 * goes to the sign only, and only when the viewer confirmed.
 */
import { createActor, toPromise, type AnyActorLogic } from 'xstate';
import { BridgeErrorCode } from '../../../stb-spec/protocol/errors';
import { fromRpcError } from '../../card/errors';
import { challengeDigest } from '../../platform/card';
import { addressChangeConsentDigest } from '../../platform/consent';
import { Secret } from '../../machines/secret';
import { pinStatus } from '../../machines/testing/fixtures';
import { acceptingPlatform } from '../testing/accepting-platform';
import { createActors, type CardPort, type PlatformPort } from './adapters';
import { allFlows } from '../testing/all-flows';

const CHALLENGE = 'A'.repeat(43);
const CONSENT_CHALLENGE = 'B'.repeat(43);
const CARD = 'Y2FyZC1pZC1maXJzdC0wMQ';
const PASSWORD = 'ABC123';

function setup(signFails?: Error) {
  const calls: unknown[] = [];
  const card: CardPort = {
    readCertificate: async () => new Uint8Array([1]),
    getPinStatus: async () => pinStatus(5),
    readSignCertificate: async (pin, options) => {
      calls.push(['readSignCertificate', pin, options?.cardId]);
      return new Uint8Array([4, 5]);
    },
    sign: async (request) => {
      calls.push(['sign', request]);
      if (signFails) throw signFails;
      return new Uint8Array([7, 7]);
    },
    subscribe: () => () => {},
  };
  const platform = {
    ...acceptingPlatform({ challenge: CHALLENGE, expiresAt: new Date(Date.now() + 300_000).toISOString() }),
    addressChanges: { challenge: async () => ({ challenge: CONSENT_CHALLENGE }) },
  } as unknown as PlatformPort;
  const actors = createActors({ card, platform, flows: allFlows });
  const logicOf = (machine: { implementations: { actors: Record<string, unknown> } }, name: string) =>
    machine.implementations.actors[name] as AnyActorLogic;
  const passwordEntry = logicOf(actors.flow('moving') as never, 'passwordEntry') as unknown as {
    implementations: { actors: Record<string, unknown> };
  };
  const run = (logic: AnyActorLogic, input: unknown) => toPromise(createActor(logic, { input }).start());
  return {
    calls,
    register: (confirmLastAttempt?: string) =>
      run(logicOf(actors.flow('registration') as never, 'signWithPassword'), {
        password: new Secret(PASSWORD),
        challenge: CHALLENGE,
        cardId: CARD,
        ...(confirmLastAttempt ? { confirmLastAttempt } : {}),
      }),
    consent: (confirmLastAttempt?: string) =>
      run(logicOf(passwordEntry, 'submit'), {
        secret: new Secret(PASSWORD),
        request: {
          newAddress: '東京都千代田区窓口町四丁目8番1号',
          services: ['cable', 'bank'],
          cardId: CARD,
        },
        ...(confirmLastAttempt ? { confirmLastAttempt } : {}),
      }),
  };
}

const consentDigest = () =>
  addressChangeConsentDigest({
    challenge: CONSENT_CHALLENGE,
    newAddress: '東京都千代田区窓口町四丁目8番1号',
    services: ['cable', 'bank'],
  });

it.each([
  ['registration', 'register', () => challengeDigest(CHALLENGE), {}],
  ['the address-change consent', 'consent', consentDigest, { challenge: CONSENT_CHALLENGE }],
] as const)(
  '%s signs first, then reads the sign certificate, with the password',
  async (_, flow, digestOf, extra) => {
    const fake = setup();
    const output = await fake[flow]();
    expect(output).toEqual({ ...extra, signature: 'Bwc=', signCertificate: 'BAU=' });
    expect(fake.calls).toEqual([
      ['sign', { key: 'sign', pin: PASSWORD, digest: await digestOf(), cardId: CARD }],
      ['readSignCertificate', PASSWORD, CARD],
    ]);
  },
);

it.each(['register', 'consent'] as const)(
  '%s: a wrong password fails the sign and nothing else reaches the card',
  async (flow) => {
    const wrong = fromRpcError({ code: BridgeErrorCode.PIN_INCORRECT, data: { triesLeft: 4 } }, 'sign');
    const fake = setup(wrong);
    await expect(fake[flow]()).rejects.toBe(wrong);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toEqual(['sign', expect.objectContaining({ key: 'sign', pin: PASSWORD })]);
  },
);

it.each(['register', 'consent'] as const)(
  '%s: the last-try value goes to the sign only, as the bridge gave it',
  async (flow) => {
    const fake = setup();
    await fake[flow]('b25lLXRpbWUtdmFsdWU');
    expect(fake.calls).toEqual([
      ['sign', expect.objectContaining({ confirmLastAttempt: 'b25lLXRpbWUtdmFsdWU' })],
      ['readSignCertificate', PASSWORD, CARD],
    ]);
  },
);
