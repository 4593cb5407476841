/**
 * The driver's PIN steps as a support engineer reads them in an APDU trace: which command each
 * step sends, what a wrong or locked PIN answers, and which PINs never reach the card.
 */
import { createHash } from 'node:crypto';
import {
  AUTH_PIN,
  RewritingTransport,
  insOf,
  sw,
  virtualCardsOfOneIssue,
} from '../../../mocks/virtual-card/driver-fixtures';
import { Ins } from '../../../stb-spec/protocol/jpki-card';
import type { ApduTraceEntry } from './card-channel';
import { CardRemovedError, PinFormatError, PinIncorrectError, PinLockedError } from './errors';
import { JpkiCard } from './jpki-card';

const freshCard = virtualCardsOfOneIssue();

const digest = createHash('sha256').update('login').digest();
const traced = (transport: ConstructorParameters<typeof JpkiCard>[0]) => {
  const entries: ApduTraceEntry[] = [];
  const driver = new JpkiCard(transport, { trace: (entry) => entries.push(entry) });
  return { driver, operations: () => entries.map((e) => e.operation), entries };
};

describe('the steps of a login signature, as the trace names them', () => {
  it('select AP, select PIN EF, tries query, VERIFY, select key EF, sign', async () => {
    const { transport } = freshCard();
    const { driver, operations } = traced(transport);
    await driver.sign('auth', AUTH_PIN, digest);
    expect(operations()).toEqual([
      'select-application',
      'select-file',
      'pin-status',
      'verify',
      'select-file',
      'sign',
    ]);
  });

  it('detect names the AP select and the token read', async () => {
    const { transport } = freshCard();
    const { driver, operations } = traced(transport);
    await driver.detect();
    expect(operations()).toEqual(['select-application', 'read-binary']);
  });

  it('a tries query alone is select AP, select PIN EF, tries query', async () => {
    const { transport } = freshCard();
    const { driver, operations } = traced(transport);
    await expect(driver.pinStatus('sign')).resolves.toEqual({ triesLeft: 5, maxTries: 5, locked: false });
    expect(operations()).toEqual(['select-application', 'select-file', 'pin-status']);
  });
});

describe('wrong and locked PINs', () => {
  it('a wrong PIN with 2 tries left answers tries 2, and the next try needs no tries query', async () => {
    const { transport } = freshCard();
    const { driver, operations } = traced(transport);
    const error = await driver.verifyPin('auth', '9876').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PinIncorrectError);
    expect((error as PinIncorrectError).triesLeft).toBe(2);
    const before = operations().length;
    // The driver forgets its cache after a failed operation, so it asks again: one query, then VERIFY.
    await driver.verifyPin('auth', AUTH_PIN);
    expect(operations().slice(before)).toEqual(['select-application', 'select-file', 'pin-status', 'verify']);
  });

  it('after the right PIN the counter is full again without another query', async () => {
    const { transport } = freshCard({ triesLeft: { auth: 2 } });
    const { driver, operations } = traced(transport);
    await driver.verifyPin('auth', AUTH_PIN);
    const before = operations().length;
    await expect(driver.pinStatus('auth')).resolves.toMatchObject({ triesLeft: 3 });
    await driver.verifyPin('auth', AUTH_PIN);
    expect(operations().slice(before)).toEqual(['pin-status', 'verify']);
  });

  it.each([0x6983, 0x6984])(
    'a tries query answered %s reports the PIN locked, and no PIN is sent',
    async (status) => {
      const { transport } = freshCard();
      const rewriting = new RewritingTransport(transport, (command, response) =>
        insOf(command) === Ins.verify && command.length === 4 ? sw(status) : response,
      );
      await expect(new JpkiCard(rewriting).pinStatus('auth')).resolves.toEqual({
        triesLeft: 0,
        maxTries: 3,
        locked: true,
      });
      await expect(new JpkiCard(rewriting).verifyPin('auth', AUTH_PIN)).rejects.toBeInstanceOf(
        PinLockedError,
      );
      expect(rewriting.sent.filter((c) => insOf(c) === Ins.verify && c.length > 4)).toHaveLength(0);
    },
  );

  it('a removal during VERIFY leaves the outcome unknown, so the app re-reads the counter', async () => {
    const { transport } = freshCard();
    transport.removeAfterApdus = 3; // select AP, select PIN EF, tries query; VERIFY finds no card
    const error = await new JpkiCard(transport).verifyPin('auth', AUTH_PIN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardRemovedError);
    expect((error as CardRemovedError).verifyOutcome).toBe('unknown');
  });

  it('a removal before VERIFY leaves no doubt', async () => {
    const { transport } = freshCard();
    transport.removeAfterApdus = 2;
    const error = await new JpkiCard(transport).verifyPin('auth', AUTH_PIN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardRemovedError);
    expect((error as CardRemovedError).verifyOutcome).toBeUndefined();
  });
});

describe('PINs of the wrong shape never reach the card', () => {
  it('the auth PIN is 4 digits, the signature password 6–16 of A–Z 0–9, each said so', async () => {
    const { transport } = freshCard();
    const driver = new JpkiCard(transport);
    await expect(driver.verifyPin('auth', '12345')).rejects.toThrow(
      new PinFormatError('The user-authentication PIN is exactly 4 digits'),
    );
    await expect(driver.verifyPin('sign', 'abc')).rejects.toThrow(
      new PinFormatError('The signature password is 6–16 characters of A–Z and 0–9'),
    );
    await expect(driver.sign('sign', '1234', digest)).rejects.toThrow(/signature password/);
    await expect(driver.verifyPin('auth', 1234 as unknown as string)).rejects.toBeInstanceOf(PinFormatError);
    expect(driver.apduCount).toBe(0);
  });
});

describe('the token label', () => {
  it.each([
    ['space padded', 'JPKIAPICCTOKEN2 '],
    ['NUL padded', 'JPKIAPICCTOKEN2\0'],
  ])('is read without its padding (%s)', async (_label, content) => {
    const { transport } = freshCard();
    const rewriting = new RewritingTransport(transport, (command, response) =>
      insOf(command) === Ins.readBinary
        ? Buffer.concat([Buffer.from(content, 'latin1'), sw(0x9000)])
        : response,
    );
    await expect(new JpkiCard(rewriting, { shortEfAddressing: 'never' }).detect()).resolves.toEqual({
      token: 'JPKIAPICCTOKEN2',
    });
  });

  it('padding inside the label is not trimmed away', async () => {
    const { transport } = freshCard();
    const rewriting = new RewritingTransport(transport, (command, response) =>
      insOf(command) === Ins.readBinary
        ? Buffer.concat([Buffer.from('JPKIAPICC TOKEN2', 'latin1'), sw(0x9000)])
        : response,
    );
    await expect(new JpkiCard(rewriting, { shortEfAddressing: 'never' }).detect()).rejects.toThrow(
      /not a My Number Card/,
    );
  });
});
