import type { ApduTransport } from '../transport/apdu-transport';
import { toHex } from './apdu';
import { CardChannel, type ApduTraceEntry } from './card-channel';
import { CardStatusError } from './errors';

/** A card that answers from a script, in order, and remembers what it was sent. */
class ScriptedCard implements ApduTransport {
  readonly sent: string[] = [];
  epoch: number | undefined = 1;
  constructor(private readonly answers: string[]) {}
  async transmit(command: Uint8Array): Promise<Uint8Array> {
    this.sent.push(toHex(command));
    const answer = this.answers.shift();
    if (answer === undefined) throw new Error(`no answer scripted for ${toHex(command)}`);
    return Uint8Array.from(Buffer.from(answer, 'hex'));
  }
  exclusive<T>(operation: () => Promise<T>): Promise<T> {
    return operation();
  }
}

const READ_15 = { cla: 0x00, ins: 0xb0, p1: 0x86, p2: 0x00, le: 15 };

describe('completing a T=0 answer', () => {
  it('61xx: fetches the rest with GET RESPONSE of the length the card names, and joins the data', async () => {
    const card = new ScriptedCard(['AABB6102', 'CCDD9000']);
    const channel = new CardChannel(card);
    const { data, sw } = await channel.exchange(READ_15, 'read-binary');
    expect(toHex(data)).toBe('AABBCCDD');
    expect(sw).toBe(0x9000);
    expect(card.sent).toEqual(['00B086000F', '00C0000002']);
    expect(channel.apduCount).toBe(2);
  });

  it('61xx more than once, ending with a warning: every part and the last status word', async () => {
    const card = new ScriptedCard(['016101', '026100', '036282']);
    const { data, sw } = await new CardChannel(card).exchange(READ_15, 'read-binary');
    expect(toHex(data)).toBe('010203');
    expect(sw).toBe(0x6282);
    expect(card.sent).toEqual(['00B086000F', '00C0000001', '00C0000000']);
  });

  it('6Cxx: sends the same command again with the exact Le', async () => {
    const card = new ScriptedCard(['6C04', '112233449000']);
    const { data, sw } = await new CardChannel(card).exchange(READ_15, 'read-binary');
    expect(toHex(data)).toBe('11223344');
    expect(sw).toBe(0x9000);
    expect(card.sent).toEqual(['00B086000F', '00B0860004']);
  });

  it('6Cxx to a GET RESPONSE: asks again with the exact Le', async () => {
    const card = new ScriptedCard(['AA6105', '6C02', 'BBCC9000']);
    const { data } = await new CardChannel(card).exchange(READ_15, 'read-binary');
    expect(toHex(data)).toBe('AABBCC');
    expect(card.sent).toEqual(['00B086000F', '00C0000005', '00C0000002']);
  });

  it('a card that keeps answering 61xx is given up after 64 GET RESPONSEs, with a card error', async () => {
    const card = new ScriptedCard(Array.from({ length: 100 }, () => '006101'));
    const error = await new CardChannel(card).exchange(READ_15, 'read-binary').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardStatusError);
    expect((error as CardStatusError).operation).toBe('get-response');
    expect((error as CardStatusError).swHex).toBe('6101');
    expect(card.sent).toHaveLength(65);
  });

  it('an answer with neither 61xx nor 6Cxx comes back as it is, after one APDU', async () => {
    const card = new ScriptedCard(['6A82']);
    const response = await new CardChannel(card).exchange(READ_15, 'read-binary');
    expect(response.sw).toBe(0x6a82);
    expect(card.sent).toHaveLength(1);
  });
});

describe('the trace', () => {
  it('names the operation, the header and the data length, never the data', async () => {
    const entries: ApduTraceEntry[] = [];
    const card = new ScriptedCard(['63C2']);
    const channel = new CardChannel(card, { trace: (entry) => entries.push(entry) });
    const verify = { cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80, data: Buffer.from('9876', 'ascii') };
    await channel.exchange(verify, 'verify');
    expect(entries).toEqual([
      {
        operation: 'verify',
        header: '00200080',
        dataLength: 4,
        sw: 0x63c2,
        milliseconds: expect.any(Number),
      },
    ]);
    expect(JSON.stringify(entries)).not.toContain('9876');
    expect(JSON.stringify(entries)).not.toContain('39383736');
  });

  it('a command without data has data length 0; GET RESPONSE is traced as such', async () => {
    const entries: ApduTraceEntry[] = [];
    const card = new ScriptedCard(['6101', '009000']);
    await new CardChannel(card, { trace: (entry) => entries.push(entry) }).exchange(READ_15, 'read-binary');
    expect(entries.map(({ operation, header, dataLength }) => ({ operation, header, dataLength }))).toEqual([
      { operation: 'read-binary', header: '00B08600', dataLength: 0 },
      { operation: 'get-response', header: '00C00000', dataLength: 0 },
    ]);
  });
});

describe('remembering what is selected', () => {
  it('selects the JPKI AP by name, then an EF by id, and skips a second select of the same EF', async () => {
    const card = new ScriptedCard(['9000', '9000', '9000']);
    const channel = new CardChannel(card);
    expect(channel.hasApplicationSelected).toBe(false);
    await channel.selectApplication();
    expect(channel.hasApplicationSelected).toBe(true);
    await channel.selectEf(0x0018);
    await channel.selectEf(0x0018);
    expect(channel.selectedEf).toBe(0x0018);
    await channel.selectEf(0x001b);
    expect(card.sent).toEqual(['00A4040C0AD392F000260100000001', '00A4020C020018', '00A4020C02001B']);
  });

  it('a refused AP select leaves nothing selected', async () => {
    const channel = new CardChannel(new ScriptedCard(['6A82']));
    expect((await channel.selectApplication()).sw).toBe(0x6a82);
    expect(channel.hasApplicationSelected).toBe(false);
  });

  it('a refused EF select is a card error and forgets the current EF', async () => {
    const channel = new CardChannel(new ScriptedCard(['9000', '6A82']));
    await channel.selectEf(0x000a);
    const error = await channel.selectEf(0x0001).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardStatusError);
    expect((error as CardStatusError).operation).toBe('select-file');
    expect(channel.selectedEf).toBeUndefined();
  });

  it('selecting the AP again forgets the EF selected in it', async () => {
    const card = new ScriptedCard(['9000', '9000', '9000', '9000']);
    const channel = new CardChannel(card);
    await channel.selectApplication();
    await channel.selectEf(0x0018);
    await channel.selectApplication();
    expect(channel.selectedEf).toBeUndefined();
    await channel.selectEf(0x0018);
    expect(card.sent).toHaveLength(4);
  });

  it('trusts the selection only within the transport epoch it was made in', async () => {
    const card = new ScriptedCard(['9000']);
    const channel = new CardChannel(card);
    expect(channel.syncEpoch()).toBe(false); // first look at the epoch
    await channel.selectApplication();
    channel.acknowledgeEpoch();
    expect(channel.syncEpoch()).toBe(true);
    expect(channel.hasApplicationSelected).toBe(true);
    card.epoch = 2; // the card was reset
    expect(channel.syncEpoch()).toBe(false);
    expect(channel.hasApplicationSelected).toBe(false);
    expect(channel.syncEpoch()).toBe(true);
  });

  it('without an epoch nothing is trusted from one operation to the next', () => {
    const card = new ScriptedCard([]);
    card.epoch = undefined;
    const channel = new CardChannel(card);
    channel.acknowledgeEpoch();
    expect(channel.syncEpoch()).toBe(false);
    expect(channel.syncEpoch()).toBe(false);
  });

  it('a short EF read makes that EF current; forgetting clears it', () => {
    const channel = new CardChannel(new ScriptedCard([]));
    channel.noteImplicitSelection(0x0006);
    expect(channel.selectedEf).toBe(0x0006);
    channel.forgetCurrentEf();
    expect(channel.selectedEf).toBeUndefined();
  });
});
