/**
 * The box as it introduces itself when pairing a phone (RFC 8628 `client_id`, the box's id and its
 * name): the operator's TV app from the settings; the box's id from Firebolt's Device.id where it is
 * one the platform takes, else a random id made once and kept on the box; its name from Firebolt's
 * Device.name (what the viewer called it in the box's menus), else 「テレビ」. Nothing of the viewer.
 */
import type { PairingBox } from '../../platform/resources/pairing';

/** What the box's platform says of itself (absent where it does not say). */
export interface BoxFacts {
  deviceId?: string | undefined;
  deviceName?: string | undefined;
}

/** Where the random id is kept (the box's Storage). */
export interface KeptValues {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export const BOX_ID_KEY = 'madoguchi.pairing.boxId';
export const DEFAULT_BOX_NAME = 'テレビ';
const BOX_ID = /^[A-Za-z0-9_-]{16,64}$/;
const NAME_MAX = 32;

/** The device id in the platform's alphabet (a MAC's colons become hyphens), if long enough. */
export function boxIdOf(deviceId: string | undefined): string | undefined {
  const id = deviceId?.trim().replace(/[^A-Za-z0-9_-]/g, '-');
  return id !== undefined && BOX_ID.test(id) ? id : undefined;
}

/**
 * The box's name as the platform takes it: NFC, printable (line breaks and other controls become
 * spaces; format, private-use and lone surrogate characters go), at most 32 characters; if any is left.
 */
export function boxNameOf(deviceName: string | undefined): string | undefined {
  const printable = (deviceName ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/[\p{Cf}\p{Co}\p{Cs}]/gu, '');
  const name = [...printable.trim()];
  return name.length > 0 ? name.slice(0, NAME_MAX).join('').trim() : undefined;
}

const base64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** The kept random id, made (16 random bytes) and kept the first time. */
function keptBoxId(kept: KeptValues, random: (bytes: Uint8Array) => Uint8Array): string {
  const existing = kept.get(BOX_ID_KEY);
  if (existing !== null && BOX_ID.test(existing)) return existing;
  const made = base64Url(random(new Uint8Array(16)));
  try {
    kept.set(BOX_ID_KEY, made);
  } catch {
    // A box that keeps nothing pairs with a new id each time: the platform replaces the old grant.
  }
  return made;
}

export async function pairingBox(
  clientId: string,
  facts: () => Promise<BoxFacts>,
  kept: KeptValues,
  random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): Promise<PairingBox> {
  const told = await facts().catch((): BoxFacts => ({}));
  return {
    clientId,
    boxId: boxIdOf(told.deviceId) ?? keptBoxId(kept, random),
    boxName: boxNameOf(told.deviceName) ?? DEFAULT_BOX_NAME,
  };
}
