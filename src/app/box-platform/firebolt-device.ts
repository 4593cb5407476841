/**
 * The box's id and name through Firebolt's Device module, for pairing a phone. Loaded with import()
 * only where a Firebolt transport exists; a question the box does not answer leaves that fact out.
 */
import { Device } from '@firebolt-js/sdk';
import '../screens/family-shared';
import type { BoxFacts } from '../session/pairing-box';

const quietly = <T>(question: () => Promise<T>): Promise<T | undefined> =>
  question().then(
    (answer) => answer,
    () => undefined,
  );

export async function fireboltBoxFacts(): Promise<BoxFacts> {
  const [deviceId, deviceName] = await Promise.all([
    quietly(() => Device.id()),
    quietly(() => Device.name()),
  ]);
  return {
    ...(typeof deviceId === 'string' ? { deviceId } : {}),
    ...(typeof deviceName === 'string' ? { deviceName } : {}),
  };
}
