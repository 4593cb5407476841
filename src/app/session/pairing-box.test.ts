import { BOX_ID_KEY, boxIdOf, boxNameOf, DEFAULT_BOX_NAME, pairingBox, type KeptValues } from './pairing-box';

const memory = (): KeptValues & { values: Map<string, string> } => {
  const values = new Map<string, string>();
  return { values, get: (key) => values.get(key) ?? null, set: (key, value) => void values.set(key, value) };
};
const CLIENT = 'madoguchi-cable-tokyo';

describe('the box as pairing names it', () => {
  test("Firebolt's device id and name, when the box gives them", async () => {
    const kept = memory();
    const box = await pairingBox(
      CLIENT,
      async () => ({ deviceId: '123e4567-e89b-12d3-a456-426614174000', deviceName: 'リビングのテレビ' }),
      kept,
    );
    expect(box).toEqual({
      clientId: CLIENT,
      boxId: '123e4567-e89b-12d3-a456-426614174000',
      boxName: 'リビングのテレビ',
    });
    expect(kept.values.size).toBe(0);
  });

  test('without Firebolt: a random id made once and kept, and 「テレビ」', async () => {
    const kept = memory();
    const first = await pairingBox(CLIENT, async () => ({}), kept);
    expect(first.boxId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(first.boxName).toBe(DEFAULT_BOX_NAME);
    expect(kept.values.get(BOX_ID_KEY)).toBe(first.boxId);
    const again = await pairingBox(CLIENT, () => Promise.reject(new Error('no Firebolt')), kept);
    expect(again.boxId).toBe(first.boxId);
  });

  test('a device id the platform would refuse is made to fit, or left for the kept one', () => {
    expect(boxIdOf('00:1A:2B:3C:4D:5E')).toBe('00-1A-2B-3C-4D-5E');
    expect(boxIdOf('short')).toBeUndefined();
    expect(boxIdOf('x'.repeat(65))).toBeUndefined();
    expect(boxIdOf(undefined)).toBeUndefined();
  });

  test('the name is plain text of at most 32 characters', () => {
    expect(boxNameOf('  寝室\nのテレビ ')).toBe('寝室 のテレビ');
    expect(boxNameOf('あ'.repeat(40))).toBe('あ'.repeat(32));
    expect(boxNameOf('   ')).toBeUndefined();
    // Format characters (a right-to-left mark, a zero-width joiner) are refused by the platform.
    expect(boxNameOf('\u200fリビング\u200dのテレビ')).toBe('リビングのテレビ');
  });
});
