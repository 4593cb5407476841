/**
 * A card's life in a reader, as getStatus and its events tell it, on hand-driven readers with
 * in-process virtual cards: one announcement for cards checked together, the identity kept while
 * the same insertion lasts, a reader unplugged, the card pulled during a call or while it is being
 * checked, a card still shown that answers as if removed (or its reader gone) while it is checked, and a call that
 * finished in time staying finished.
 */
import type { Status } from '../../../stb-spec/protocol';
import { CardRemovedError, NoReaderError } from '../jpki/errors';
import { CardService } from './card-service';
import { HandReaders, serviceWith, virtualCards, type CardTransport } from './testing/hand-readers';

const { myNumberCard, otherCard } = virtualCards();

describe('status events', () => {
  it('cards checked together are announced once, when every one of them is known', async () => {
    const { events } = await serviceWith((r) => {
      r.put('Reader A', otherCard());
      r.put('Reader B', myNumberCard());
    });
    expect(events.map((status) => status.readers.map((reader) => reader.card))).toEqual([
      ['unsupported', 'present'],
    ]);
  });

  it('a repeated reader event changes nothing: the card is not checked again', async () => {
    const card = myNumberCard();
    const { readers, service, events } = await serviceWith((r) => r.put('Reader A', card));
    const answered = card.apduCount;
    readers.change();
    await service.settled();
    expect(card.apduCount).toBe(answered);
    expect(events).toHaveLength(1);
  });
});

describe('the card identity', () => {
  it('a card that goes mute and answers again keeps its cardId: it was never taken out', async () => {
    const { readers, service } = await serviceWith((r) => r.put('Reader A', myNumberCard()));
    const cardId = service.status().readers[0]!.cardId;
    readers.setMute('Reader A', true);
    expect(service.status().readers).toEqual([{ name: 'Reader A', card: 'mute', cardId }]);
    readers.setMute('Reader A', false);
    await service.settled();
    expect(service.status().readers).toEqual([{ name: 'Reader A', card: 'present', cardId }]);
  });

  it('a card that answers a reset with another ATR is checked again and keeps its cardId', async () => {
    const card = myNumberCard();
    const { readers, service } = await serviceWith((r) => r.put('Reader A', card));
    const cardId = service.status().readers[0]!.cardId;
    const answered = card.apduCount;
    readers.answerResetWith('Reader A', '3B8F8001');
    await service.settled();
    expect(card.apduCount).toBeGreaterThan(answered);
    expect(service.status().readers).toEqual([{ name: 'Reader A', card: 'present', cardId }]);
  });

  it('a backend that counts no insertions: a card swapped for another between polls gets a new cardId', async () => {
    const { readers, service } = await serviceWith((r) => {
      r.countsInsertions = false;
      r.put('Reader A', myNumberCard());
    });
    const cardId = service.status().readers[0]!.cardId;
    readers.put('Reader A', otherCard());
    await service.settled();
    const [reader] = service.status().readers;
    expect(reader).toMatchObject({ name: 'Reader A', card: 'unsupported' });
    expect(reader!.cardId).not.toBe(cardId);
  });

  it('unplugging one reader takes it out of getStatus; the card in the other is left as it was', async () => {
    const card = myNumberCard();
    const { readers, service } = await serviceWith((r) => {
      r.put('Reader A', card);
      r.put('Reader B', otherCard());
    });
    const before = service.status();
    const answered = card.apduCount;
    readers.unplug('Reader B');
    await service.settled();
    expect(service.status()).toEqual({ ...before, readers: [before.readers[0]] });
    expect(card.apduCount).toBe(answered);
  });
});

describe('the card pulled', () => {
  it('during a call: CARD_REMOVED, and getStatus says so at once, before the reader event', async () => {
    const card = myNumberCard();
    const { service } = await serviceWith((r) => r.put('Reader A', card));
    card.removeAfterApdus = card.apduCount + 1;
    await expect(service.readCertificate('auth')).rejects.toBeInstanceOf(CardRemovedError);
    expect(service.status().readers.map((reader) => reader.card)).toEqual(['absent']);
    expect(service.status()).not.toHaveProperty('token');
  });

  it('while it is being checked: reported absent, not as a foreign card', async () => {
    const card = myNumberCard();
    card.removeAfterApdus = 0;
    const { service } = await serviceWith((r) => r.put('Reader A', card));
    expect(service.status().readers.map((reader) => reader.card)).toEqual(['absent']);
  });
});

describe('a card the reader shows that answers as if removed while it is checked', () => {
  /**
   * A handle from before a quick swap, or a reset by another process: "removed" (or, as pcscd says
   * while it re-reads its readers, "no reader") `times` times, then the card.
   */
  const removedAtFirst = (
    card: CardTransport,
    times: number,
    error: () => Error = () => new CardRemovedError(),
  ): CardTransport => {
    let failures = 0;
    return {
      card: card.card,
      transmit(command: Uint8Array) {
        if (failures >= times) return card.transmit(command);
        failures++;
        return Promise.reject(error());
      },
      exclusive: <T>(operation: () => Promise<T>) => card.exclusive(operation),
    };
  };

  /** A service over empty readers, with its status events and the failures it reports for the logs. */
  const watched = () => {
    const readers = new HandReaders();
    const service = new CardService(readers);
    const failures: unknown[] = [];
    const events: Status[] = [];
    service.on('detectionFailed', (...failure) => failures.push(failure));
    service.on('statusChanged', (status) => events.push(status));
    return { readers, service, failures, events };
  };

  it('once: it is checked again and reported present, with one logged failure', async () => {
    const { readers, service, failures, events } = watched();
    readers.put('Reader A', removedAtFirst(myNumberCard(), 1));
    await service.settled();
    expect(service.status().readers.map((reader) => reader.card)).toEqual(['present']);
    expect(events.map((status) => status.readers.map((reader) => reader.card))).toEqual([
      ['checking'],
      ['present'],
    ]);
    expect(failures).toEqual([['Reader A', 'CARD_REMOVED', 1]]);
  });

  it('"no reader" for a reader still listed counts the same: checked again, then present', async () => {
    const { readers, service, failures } = watched();
    readers.put(
      'Reader A',
      removedAtFirst(myNumberCard(), 2, () => new NoReaderError()),
    );
    await service.settled();
    expect(service.status().readers.map((reader) => reader.card)).toEqual(['present']);
    expect(failures).toEqual([
      ['Reader A', 'NO_READER', 1],
      ['Reader A', 'NO_READER', 2],
    ]);
  });

  it('a card without the JPKI AP is an answer, not a failure: unsupported, nothing logged', async () => {
    const { readers, service, failures } = watched();
    readers.put('Reader A', otherCard());
    await service.settled();
    expect(service.status().readers.map((reader) => reader.card)).toEqual(['unsupported']);
    expect(failures).toEqual([]);
  });

  it('taken out, the readers telling so only a moment after its answer: reported absent, not mute', async () => {
    const { readers, service, failures } = watched();
    const card = removedAtFirst(myNumberCard(), Infinity);
    const answer = card.transmit.bind(card);
    // The card's "removed" comes first; the reader's word that it is out follows (with no event).
    card.transmit = (command) => {
      setImmediate(() => (card.isCardPresent = false));
      return answer(command);
    };
    readers.put('Reader A', card);
    await service.settled();
    expect(service.status().readers.map((reader) => reader.card)).toEqual(['absent']);
    expect(failures).toEqual([['Reader A', 'CARD_REMOVED', 1]]);
  });

  it('every time: reported mute (take it out and in again), never absent, after three tries', async () => {
    const { readers, service, failures } = watched();
    readers.put('Reader A', removedAtFirst(myNumberCard(), Infinity));
    await service.settled();
    expect(service.status().readers.map((reader) => reader.card)).toEqual(['mute']);
    expect(failures).toEqual([
      ['Reader A', 'CARD_REMOVED', 1],
      ['Reader A', 'CARD_REMOVED', 2],
      ['Reader A', 'CARD_REMOVED', 3],
    ]);
  });
});

describe('the time limit', () => {
  it('a call that finished in time is not timed out afterwards: the card is not reset behind it', async () => {
    const timeoutMs = 50;
    const { readers, service } = await serviceWith((r) => r.put('Reader A', myNumberCard()), {
      operationTimeoutMs: timeoutMs,
    });
    await service.pinStatus('auth');
    await new Promise((resolve) => setTimeout(resolve, 2 * timeoutMs));
    expect(readers.slots.get('Reader A')!.released).toEqual([]);
    await expect(service.pinStatus('auth')).resolves.toMatchObject({ triesLeft: 3 });
  });
});

describe("the operator's configuration", () => {
  it('getInfo can name the only readers served', async () => {
    const { service } = await serviceWith((r) => {
      r.readerAllowList = ['Box Reader 00 00'];
    });
    expect(service.readerAllowList()).toEqual(['Box Reader 00 00']);
  });
});
