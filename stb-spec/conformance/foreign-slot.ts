/**
 * --foreign-vpcd: the kit plays a card that is not for the bridge (a B-CAS stand-in) in a second
 * vpcd reader for the whole run, and counts the APDUs it receives. A bridge that serves only its
 * configured reader never sends it one (BR-SEC-51, CK-62).
 */
import { ForeignCard } from '../../mocks/virtual-card/foreign-card';
import { VpcdCard } from '../../mocks/virtual-card/vpcd-client';
import type { ForeignSlot } from './case';

export class VpcdForeignSlot implements ForeignSlot {
  private readonly card = new ForeignCard();
  private readonly vpcd: VpcdCard;

  private constructor(
    readonly reader: string,
    vpcd: { host: string; port: number },
  ) {
    this.vpcd = new VpcdCard(this.card, { ...vpcd, connectAttempts: 3 });
    this.vpcd.on('error', () => undefined); // a reset socket ends in 'removed' anyway
  }

  /** Puts the foreign card into the vpcd reader `reader` (listening at host:port). */
  static async insert(reader: string, vpcd: { host: string; port: number }): Promise<VpcdForeignSlot> {
    const slot = new VpcdForeignSlot(reader, vpcd);
    await slot.vpcd.connect();
    return slot;
  }

  apduCount(): number {
    return this.card.received.length;
  }

  async reinsert(): Promise<void> {
    await this.vpcd.disconnect();
    await this.vpcd.connect();
  }

  async close(): Promise<void> {
    await this.vpcd.disconnect();
  }
}
