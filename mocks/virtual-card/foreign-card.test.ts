/** The foreign card (a B-CAS stand-in): what it answers, what it records, and its command line. */
import { JPKI_AID, JPKI_ATR } from '../../stb-spec/protocol/jpki-card';
import { JpkiCard } from '../../native-bridge/src/jpki/jpki-card';
import { NotMyNumberCardError } from '../../native-bridge/src/jpki/errors';
import { FOREIGN_CARD_ATR, FOREIGN_CARD_ATR_HEX, ForeignCard, ForeignCardTransport } from './foreign-card';
import { UsageError } from '../../native-bridge/src/bridge/command-line';
import { FOREIGN_VPCD_PORT, parseForeignArgs } from './foreign-cli';
import { GENERIC_CARD_ATR } from './jpki-applet';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

it('has its own ATR, T=1 with a check byte that makes the XOR from T0 on zero', () => {
  expect(FOREIGN_CARD_ATR_HEX).not.toBe(hex(JPKI_ATR));
  expect(FOREIGN_CARD_ATR_HEX).not.toBe(hex(GENERIC_CARD_ATR));
  expect(FOREIGN_CARD_ATR.slice(1).reduce((x, byte) => x ^ byte, 0)).toBe(0);
});

it('answers SELECT of the JPKI AP with 6A82, other commands with 6D00 / 6E00, and records them all', () => {
  const card = new ForeignCard();
  const select = Uint8Array.from([0x00, 0xa4, 0x04, 0x0c, JPKI_AID.length, ...JPKI_AID]);
  expect(hex(card.process(select))).toBe('6A82');
  expect(hex(card.process(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00)))).toBe('6D00');
  expect(hex(card.process(Uint8Array.of(0x80, 0x2a, 0x00, 0x80)))).toBe('6E00');
  expect(card.received.map(hex)).toEqual([hex(select), '00B0000000', '802A0080']);
});

it('is not a My Number Card to the driver', async () => {
  const transport = new ForeignCardTransport(new ForeignCard());
  await expect(new JpkiCard(transport).detect()).rejects.toBeInstanceOf(NotMyNumberCardError);
  expect(transport.card.received.length).toBeGreaterThan(0);
});

it('goes into vpcd reader 00 01 by default; takes only --vpcd and --trace', () => {
  expect(parseForeignArgs(['--foreign-card'])).toEqual({
    host: '127.0.0.1',
    port: FOREIGN_VPCD_PORT,
    trace: false,
  });
  expect(parseForeignArgs(['--foreign-card', '--vpcd', 'h:35963', '--trace'])).toEqual({
    host: 'h',
    port: 35963,
    trace: true,
  });
  expect(() => parseForeignArgs(['--foreign-card', '--auth-pin', '1234'])).toThrow(UsageError);
  expect(() => parseForeignArgs(['--foreign-card', '--vpcd', 'x'])).toThrow('expected HOST:PORT');
});
