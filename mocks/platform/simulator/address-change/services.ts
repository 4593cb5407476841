/**
 * The services an address change is sent to, as the platform reaches them: each behind a
 * ServiceEndpoint (a real operator's adapter to the cable operator's, the insurer's, the bank's
 * systems). Every order carries an idempotency key: the same order delivered twice — a retry after
 * a lost answer, a restart mid-delivery — changes the service's record once. The simulated
 * services answer as the catalogue says (seed/address-change.json): at once, later, with a reason
 * the viewer must act on, or not at all for their first deliveries.
 */
import type { CatalogueService } from '../../seed/address-change';

export interface DeliveryOrder {
  idempotencyKey: string;
  customerNumber: string;
  newAddress: string;
}

export type ServiceAnswer =
  { status: 'accepted' | 'completed' } | { status: 'actionRequired'; reason: string; reasonEn: string };

/** Thrown by an endpoint that cannot be reached or answers 5xx: the platform tries again later. */
export class ServiceUnavailableError extends Error {}

export interface ServiceEndpoint {
  deliver(order: DeliveryOrder): Promise<ServiceAnswer>;
  /** The state of an order the service took; undefined when it does not know the key. */
  status(idempotencyKey: string): Promise<ServiceAnswer | undefined>;
}

interface TakenOrder {
  order: DeliveryOrder;
  takenAt: number;
}

export class SimulatedService implements ServiceEndpoint {
  private readonly orders = new Map<string, TakenOrder>();
  private calls = 0;
  /** Changes applied to the service's own records: one per distinct order. */
  private applied = 0;

  constructor(
    private readonly service: CatalogueService,
    private readonly now: () => Date,
  ) {}

  get appliedChanges(): number {
    return this.applied;
  }

  get deliveryCalls(): number {
    return this.calls;
  }

  async deliver(order: DeliveryOrder): Promise<ServiceAnswer> {
    this.calls += 1;
    const { behaviour } = this.service;
    if (this.calls <= (behaviour.failFirst ?? 0)) {
      throw new ServiceUnavailableError(`${this.service.id} is not answering`);
    }
    if (!this.orders.has(order.idempotencyKey)) {
      this.orders.set(order.idempotencyKey, { order, takenAt: this.now().getTime() });
      this.applied += 1;
    }
    return this.answer(order.idempotencyKey);
  }

  async status(idempotencyKey: string): Promise<ServiceAnswer | undefined> {
    return this.orders.has(idempotencyKey) ? this.answer(idempotencyKey) : undefined;
  }

  private answer(idempotencyKey: string): ServiceAnswer {
    const { behaviour } = this.service;
    if (behaviour.outcome === 'actionRequired') {
      return { status: 'actionRequired', reason: behaviour.reason ?? '', reasonEn: behaviour.reasonEn ?? '' };
    }
    if (behaviour.outcome === 'completed') return { status: 'completed' };
    const taken = this.orders.get(idempotencyKey)!.takenAt;
    const done = this.now().getTime() - taken >= (behaviour.completeAfterSeconds ?? 0) * 1000;
    return { status: done ? 'completed' : 'accepted' };
  }
}
