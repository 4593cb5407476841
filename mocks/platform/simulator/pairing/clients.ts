/**
 * The TV apps allowed to start a device flow (RFC 8628 §3.1 `client_id`): one per cable operator,
 * whose name the phone page shows beside the box's own. Public clients — a box keeps no secret a
 * viewer could not pull out — so the id names the operator and the limits do the guarding.
 */
export interface PairingClient {
  id: string;
  name: { ja: string; en: string };
}

/** The demo operators (config/operators/*.json). */
export const DEMO_PAIRING_CLIENTS: readonly PairingClient[] = [
  { id: 'madoguchi-cable-tokyo', name: { ja: 'まどぐちケーブル東京', en: 'Madoguchi Cable Tokyo' } },
  { id: 'minato-catv', name: { ja: 'みなとケーブルテレビ', en: 'Minato CATV' } },
];
