/**
 * Which card a call reaches, on readers driven by hand with in-process virtual cards: no reader, an
 * empty reader, a card that is not a My Number Card, a cardId that is no longer in the reader, two
 * calls at once, and the reset after a PIN was used.
 */
import { AUTH_PIN, SIGN_PASSWORD } from '../../../mocks/virtual-card/driver-fixtures';
import {
  CardBusyError,
  CardChangedError,
  CardDataError,
  NoCardError,
  NoReaderError,
  NotMyNumberCardError,
  PinFormatError,
  ReaderServiceUnavailableError,
} from '../jpki/errors';
import { serviceWith, silentCard, virtualCards } from './testing/hand-readers';

const { myNumberCard, otherCard } = virtualCards();

describe('which card a call reaches', () => {
  it('no reader at all: NO_READER', async () => {
    const { service } = await serviceWith(() => undefined);
    await expect(service.pinStatus('auth')).rejects.toBeInstanceOf(NoReaderError);
  });

  it('a reader named that is not there: NO_READER; an empty reader: NO_CARD naming it', async () => {
    const { service } = await serviceWith((r) => r.put('Reader A'));
    await expect(service.pinStatus('auth', { reader: 'Reader B' })).rejects.toBeInstanceOf(NoReaderError);
    const error = await service.pinStatus('auth', { reader: 'Reader A' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoCardError);
    expect((error as NoCardError).reader).toBe('Reader A');
    await expect(service.pinStatus('auth')).rejects.toBeInstanceOf(NoCardError);
  });

  it('the My Number Card is found in whichever reader holds it, and getStatus names it', async () => {
    const { service } = await serviceWith((r) => {
      r.put('Reader A', otherCard());
      r.put('Reader B', myNumberCard());
    });
    await expect(service.pinStatus('auth')).resolves.toMatchObject({ triesLeft: 3 });
    const status = service.status();
    expect(status).toMatchObject({ readerService: 'running', token: 'JPKIAPICCTOKEN2' });
    expect(status.readers.map((r) => [r.name, r.card])).toEqual([
      ['Reader A', 'unsupported'],
      ['Reader B', 'present'],
    ]);
    expect((status as { cardId: string }).cardId).toBe(status.readers[1]!.cardId);
  });

  it('a card without the JPKI AP: NOT_MY_NUMBER_CARD with its ATR; no token in getStatus', async () => {
    const { service } = await serviceWith((r) => r.put('Reader A', otherCard()));
    const error = await service.pinStatus('auth').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotMyNumberCardError);
    expect((error as NotMyNumberCardError).atr).toMatch(/^[0-9A-F]+$/);
    expect(service.status()).not.toHaveProperty('token');
  });

  it('the cardId the app holds reaches that card; another card in its place is CARD_CHANGED naming it', async () => {
    const { readers, service } = await serviceWith((r) => r.put('Reader A', myNumberCard()));
    const first = service.status().readers[0]!.cardId!;
    await expect(service.pinStatus('auth', { cardId: first })).resolves.toMatchObject({ triesLeft: 3 });
    readers.put('Reader A', myNumberCard());
    await service.settled();
    const second = service.status().readers[0]!.cardId!;
    expect(second).not.toBe(first);
    const error = await service.pinStatus('auth', { cardId: first }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardChangedError);
    expect((error as CardChangedError).currentCardId).toBe(second);
  });

  it('a cardId with no card anywhere is CARD_CHANGED, not NO_READER', async () => {
    const { service } = await serviceWith(() => undefined);
    const error = await service.pinStatus('auth', { cardId: 'x'.repeat(22) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardChangedError);
    expect((error as CardChangedError).currentCardId).toBeUndefined();
  });

  it('a reader named that is gone, with the cardId seen there: CARD_CHANGED, not NO_READER', async () => {
    const { service } = await serviceWith((r) => r.put('Reader A', myNumberCard()));
    const cardId = service.status().readers[0]!.cardId!;
    const error = await service.pinStatus('auth', { reader: 'Reader B', cardId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardChangedError);
  });

  it('an empty reader beside a foreign card: NOT_MY_NUMBER_CARD, and the foreign card receives nothing', async () => {
    const foreign = otherCard();
    const { service } = await serviceWith((r) => {
      r.put('Reader A');
      r.put('Reader B', foreign);
    });
    const answered = foreign.apduCount;
    await expect(service.readCertificate('auth')).rejects.toBeInstanceOf(NotMyNumberCardError);
    expect(foreign.apduCount).toBe(answered);
  });

  it('a card still being checked is waited for (BUSY checking) before a foreign card is blamed', async () => {
    const { readers, service } = await serviceWith((r) => r.put('Reader A', otherCard()));
    readers.put('Reader B', silentCard());
    await expect(service.pinStatus('auth')).rejects.toMatchObject({ errorName: 'BUSY', reason: 'checking' });
  });

  it('a card that does not answer (mute): CARD_ERROR saying so', async () => {
    const { readers, service } = await serviceWith((r) => r.put('Reader A', myNumberCard()));
    readers.setMute('Reader A', true);
    const error = await service.pinStatus('auth').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardDataError);
    expect((error as CardDataError).message).toBe('The card in the reader does not answer');
  });

  it('a second call while one runs is BUSY, not queued', async () => {
    const { service } = await serviceWith((r) => r.put('Reader A', myNumberCard()));
    const first = service.readCertificate('auth');
    await expect(service.pinStatus('auth')).rejects.toEqual(new CardBusyError('operation'));
    await first;
    await expect(service.pinStatus('auth')).resolves.toMatchObject({ triesLeft: 3 });
  });

  it('the reader service down: READER_SERVICE_UNAVAILABLE and an empty status', async () => {
    const { readers, service } = await serviceWith((r) => r.put('Reader A', myNumberCard()));
    readers.service = 'unavailable';
    await expect(service.pinStatus('auth')).rejects.toBeInstanceOf(ReaderServiceUnavailableError);
    expect(service.status()).toEqual({ readerService: 'unavailable', readers: [] });
  });
});

describe('after a PIN was used', () => {
  it('the card is given back reset; a call without a PIN leaves it as it is', async () => {
    const { readers, service } = await serviceWith((r) => r.put('Reader A', myNumberCard()));
    const slot = readers.slots.get('Reader A')!;
    await service.readCertificate('auth');
    expect(slot.released).toEqual([]);
    await service.sign('auth', AUTH_PIN, Buffer.alloc(32, 1), {});
    await service.pinStatus('auth'); // waits for the reset
    expect(slot.released).toEqual([true]);
  });

  it('reading the signature certificate takes the password and gives the card back reset', async () => {
    const { readers, service } = await serviceWith((r) => r.put('Reader A', myNumberCard()));
    const certificate = await service.readSignCertificate(SIGN_PASSWORD, {});
    expect(certificate[0]).toBe(0x30); // a DER SEQUENCE
    await service.pinStatus('sign'); // waits for the reset
    expect(readers.slots.get('Reader A')!.released).toEqual([true]);
  });

  it('signing with the signature key takes the password: a 4-digit PIN costs no try', async () => {
    const { service } = await serviceWith((r) => r.put('Reader A', myNumberCard()));
    const before = await service.pinStatus('sign');
    await expect(service.sign('sign', AUTH_PIN, Buffer.alloc(32), {})).rejects.toBeInstanceOf(PinFormatError);
    await expect(service.pinStatus('sign')).resolves.toEqual(before);
  });

  it('a malformed PIN is refused before any reader is looked at', async () => {
    const { service } = await serviceWith(() => undefined);
    await expect(service.sign('auth', '12', Buffer.alloc(32), {})).rejects.toThrow(/4 digits/);
    await expect(service.readSignCertificate('abc', {})).rejects.toThrow(/signature password/);
  });
});

describe('status events', () => {
  it('one event as a card goes in, one when it is classified, one when it leaves; none when nothing changed', async () => {
    const { readers, service, events } = await serviceWith((r) => r.put('Reader A'));
    const start = events.length;
    readers.put('Reader A', myNumberCard());
    expect(events.slice(start).map((s) => s.readers[0]!.card)).toEqual(['checking']);
    await service.settled();
    expect(events.slice(start).map((s) => s.readers[0]!.card)).toEqual(['checking', 'present']);
    readers.emit('change', readers.readers());
    expect(events.length).toBe(start + 2);
    readers.put('Reader A');
    expect(events.at(-1)).toEqual({
      readerService: 'running',
      readers: [{ name: 'Reader A', card: 'absent' }],
    });
  });
});
