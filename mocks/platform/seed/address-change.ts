/**
 * The address change's side of the demo town (address-change.json): what J-LIS's 最新4情報 says
 * of each resident (address and sex; name and birth date are the customer record's) — 山田 太郎 has
 * moved from 一丁目2番3号 to 四丁目8番1号 — the services of the catalogue with how each simulated
 * service answers, and the address each linked service holds.
 */
import type { BasicInformation, ServiceKind } from '../../../src/platform/types';
import data from './address-change.json';

interface ServiceBehaviour {
  /** What the service answers once it takes the change. */
  outcome: 'accepted' | 'completed' | 'actionRequired';
  /** accepted: the service finishes this long after. */
  completeAfterSeconds?: number;
  /** The first deliveries fail as if the service were down (retried with backoff). */
  failFirst?: number;
  reason?: string;
  reasonEn?: string;
}

export interface CatalogueService {
  id: string;
  kind: ServiceKind;
  name: string;
  nameEn: string;
  behaviour: ServiceBehaviour;
}

export const SERVICE_CATALOGUE: readonly CatalogueService[] = data.services as CatalogueService[];

/** J-LIS's register as the simulator knows it, by customer number. */
export const BASIC_REGISTER: Readonly<Record<string, Pick<BasicInformation, 'address' | 'sex'>>> =
  data.register as Record<string, Pick<BasicInformation, 'address' | 'sex'>>;

/** Customer number → service id → the address that service holds. */
export const HELD_ADDRESSES: Readonly<Record<string, Record<string, string>>> = data.held;
