/** Pairing the TV with a phone (スマートフォンとつなぐ): the QR code and the user code. Loaded on demand. */
import { lazyFeature } from '../../app/screens/feature';

export const CompanionScreen = {
  pairingCode: 'pairing-code',
} as const;

export const companionFeature = lazyFeature(CompanionScreen, () =>
  import('./screens').then((module) => module.companionFamily),
);
