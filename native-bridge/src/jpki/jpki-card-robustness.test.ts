/**
 * The driver when things go wrong on the card's side, and how few APDUs it needs when they do not:
 * a card pulled mid-operation, the minimal exchanges, and answers no real card gives.
 */
import { JpkiCard } from './jpki-card';
import { CardRemovedError } from './errors';
import {
  AUTH_PIN,
  digestOf,
  signatureVerifies,
  RewritingTransport,
  credentialsOfOneIssue,
  virtualCard,
} from '../../../mocks/virtual-card/driver-fixtures';

const issued = credentialsOfOneIssue();

describe('card removed during an operation', () => {
  it.each([0, 1, 3])(
    'mid-read (after %i APDUs): CardRemovedError, then works once the card is back',
    async (after) => {
      const { transport } = virtualCard(issued());
      const driver = new JpkiCard(transport);
      transport.removeAfterApdus = after;
      await expect(driver.readCertificate('auth')).rejects.toBeInstanceOf(CardRemovedError);
      transport.insert();
      const der = await driver.readCertificate('auth');
      expect(Buffer.from(der).equals(Buffer.from(issued().authCertificate))).toBe(true);
    },
  );

  it.each([1, 2, 3, 4])(
    'mid-sign (after %i APDUs): CardRemovedError, the PIN counter stays full',
    async (after) => {
      const { card, transport } = virtualCard(issued());
      const driver = new JpkiCard(transport);
      transport.removeAfterApdus = after;
      await expect(driver.sign('auth', AUTH_PIN, digestOf('x'))).rejects.toBeInstanceOf(CardRemovedError);
      expect(card.state.triesLeft.auth).toBe(3);
      transport.insert();
      const signature = await driver.sign('auth', AUTH_PIN, digestOf('x'));
      expect(signatureVerifies(issued().authCertificate, 'x', signature)).toBe(true);
    },
  );
});

describe('the fewest APDUs that are correct', () => {
  it('login after detect (auth certificate + PIN status + sign) takes the reads and five more', async () => {
    const { transport } = virtualCard(issued());
    const driver = new JpkiCard(transport);
    await driver.detect(); // on insertion: SELECT AP, token EF
    const before = driver.apduCount;
    await driver.readCertificate('auth');
    await driver.pinStatus('auth');
    await driver.sign('auth', AUTH_PIN, digestOf('challenge'));
    const reads = Math.ceil(issued().authCertificate.length / 256);
    // READ×n (the first by short EF id), SELECT PIN EF, status, VERIFY, SELECT key EF, SIGN
    expect(driver.apduCount - before).toBe(reads + 5);
  });

  it('selects afresh after the card was reset (a new epoch): nothing stale is trusted', async () => {
    const { card, transport } = virtualCard(issued());
    const driver = new JpkiCard(transport);
    await driver.pinStatus('auth');
    card.reset();
    const before = driver.apduCount;
    await driver.sign('auth', AUTH_PIN, digestOf('x'));
    expect(driver.apduCount - before).toBe(1 + 1 + 1 + 1 + 1 + 1); // SELECT AP, SELECT PIN, status, VERIFY, SELECT key, SIGN
  });

  it('a transport that connects at its first APDU (a new epoch) does not cost a second SELECT AP', async () => {
    const { transport } = virtualCard(issued(), { reportEpoch: false });
    let connected = false;
    const lazy = new RewritingTransport(transport, () => {
      connected = true;
      return undefined;
    });
    Object.defineProperty(lazy, 'epoch', { get: () => (connected ? 1 : 0) });
    const driver = new JpkiCard(lazy);
    await driver.detect();
    const before = driver.apduCount;
    await driver.pinStatus('auth');
    expect(driver.apduCount - before).toBe(2); // SELECT PIN EF, status — the AP is still selected
  });

  it('without an epoch from the transport, every operation selects the AP again', async () => {
    const { transport } = virtualCard(issued(), { reportEpoch: false });
    const driver = new JpkiCard(transport);
    await driver.pinStatus('auth');
    const before = driver.apduCount;
    await driver.pinStatus('auth');
    expect(driver.apduCount - before).toBe(3);
  });
});

describe('hostile answers', () => {
  it('answers every operation with a typed error when the card returns random status words and truncated data', async () => {
    const { transport } = virtualCard(issued());
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const rewriting = new RewritingTransport(transport, (_command, response) => {
      const roll = random();
      if (roll < 0.3) return Uint8Array.of(Math.floor(random() * 256), Math.floor(random() * 256));
      if (roll < 0.4) return response.subarray(0, Math.floor(random() * response.length));
      return undefined;
    });
    const driver = new JpkiCard(rewriting);
    const operations = [
      () => driver.detect(),
      () => driver.readCertificate('auth'),
      () => driver.pinStatus('auth'),
      () => driver.sign('auth', AUTH_PIN, digestOf('x'), { confirmLastAttempt: true }),
    ];
    for (let round = 0; round < 200; round++) {
      const outcome = await operations[round % operations.length]!().then(
        () => 'ok',
        (error: unknown) => (error instanceof Error && 'errorName' in error ? 'typed' : String(error)),
      );
      expect(['ok', 'typed']).toContain(outcome);
    }
  });
});
