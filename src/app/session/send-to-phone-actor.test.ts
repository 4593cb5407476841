/**
 * 「スマートフォンに送る」's actor: it sends to the pairing the session holds now, with the box's id,
 * and says "not paired" (the platform's NotPairedError) when there is none or its time ran out —
 * without a call to the platform.
 */
import { createActor, toPromise } from 'xstate';
import { NotPairedError } from '../../platform/errors';
import type { PhonePairing } from '../../machines/ports';
import { phoneActors, type PairingPort } from './companion-actors';

const BOX = { clientId: 'madoguchi-cable-tokyo', boxId: 'box-0123456789abcdef', boxName: 'テレビ' };
const ITEM = { kind: 'booking' as const, title: '予約できました', lines: ['予約番号：BK-1'] };

function setup(pairing: PhonePairing | undefined) {
  const sent: unknown[] = [];
  const port = {
    sendToPhone: async (current: unknown, item: unknown) => {
      sent.push([current, item]);
      return { id: 'pi_1' };
    },
  } as unknown as PairingPort;
  const { sendToPhone } = phoneActors(
    port,
    async () => BOX,
    () => pairing,
  );
  const run = () => toPromise(createActor(sendToPhone, { input: ITEM }).start());
  return { sent, run };
}

it('sends to the pairing the session holds, naming the box it was given to', async () => {
  const { sent, run } = setup({ pairingId: 'pr_1', token: 't'.repeat(43), expiresAt: Date.now() + 60_000 });
  await expect(run()).resolves.toEqual({ id: 'pi_1' });
  expect(sent).toEqual([[{ token: 't'.repeat(43), boxId: BOX.boxId }, ITEM]]);
});

it('says not paired, without asking the platform, when nothing is paired or the pairing ran out', async () => {
  for (const pairing of [undefined, { pairingId: 'pr_1', token: 't', expiresAt: Date.now() - 1 }]) {
    const { sent, run } = setup(pairing);
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotPairedError);
    expect((error as NotPairedError).code).toBe('PAIRING_NOT_FOUND');
    expect(sent).toEqual([]);
  }
});
