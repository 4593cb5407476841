/**
 * Tells each chosen service of an address change, asynchronously: every delivery has its own
 * schedule, so a service that is down is retried with backoff (a ceiling of 5 s doubling up to
 * 5 minutes, the wait drawn at random below it — full jitter — at most 8 attempts, then 要対応) while
 * the others go on. A service that took the order is asked
 * how it went until it says completed or what the viewer must do. Each step re-reads the request
 * and writes it back in one transaction; when every service has answered finally, the same
 * transaction sets the request's status and puts the result in the viewer's inbox.
 */
import type { NoticeBox } from '../notices/notice-box';
import { PLATFORM_SENDER } from '../notices/senders';
import type { RecordStore } from '../../store/record-store';
import { isFinal, type AddressChangeRecord, type DeliveryRecord } from './records';
import type { ServiceAnswer, ServiceEndpoint } from './services';

const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 5 * 60_000;
export const MAX_DELIVERY_ATTEMPTS = 8;
/** How often a service that took the order is asked how it went. */
const CHECK_INTERVAL_MS = 30_000;

const UNREACHABLE = {
  reason: 'このサービスにつながりませんでした。お手数ですが、サービスの窓口へ住所変更をお届けください。',
  reasonEn: 'The service could not be reached. Please tell the service of your new address directly.',
};
const UNKNOWN_SERVICE = {
  reason: 'このサービスは今は住所変更を受け付けていません。サービスの窓口へお届けください。',
  reasonEn: 'This service does not take address changes now. Please tell the service directly.',
};

/** The ceiling of the wait after `attempts` failed deliveries. */
export const backoffMs = (attempts: number): number =>
  Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));

/**
 * Full jitter: a wait drawn uniformly below the ceiling, so the deliveries that failed together
 * (a service down for everyone) do not all come back at the same instant when it recovers.
 */
export const retryDelayMs = (attempts: number, random: () => number): number =>
  Math.floor(Math.min(Math.max(random(), 0), 1) * backoffMs(attempts));

export interface DeliveryContext {
  store: RecordStore;
  now: () => Date;
  endpoints: ReadonlyMap<string, ServiceEndpoint>;
  notices: NoticeBox;
  /** A draw in [0, 1) for the retry jitter (Math.random; tests inject their own). */
  random: () => number;
  /** The service took the change: its record of the viewer holds the new address from now on. */
  onCompleted: (customerNumber: string, serviceId: string, newAddress: string) => void;
}

export class DeliveryRunner {
  private running: Promise<void> | undefined;
  /** Requests still in progress: read from the store once, then kept up to date (no scan a second). */
  private pending: Set<string> | undefined;

  constructor(private readonly context: DeliveryContext) {}

  /** A new request to deliver. */
  track(requestId: string): void {
    this.pending?.add(requestId);
  }

  /** The store was cleared (the simulator's reset): read it again at the next run. */
  forget(): void {
    this.pending = undefined;
  }

  /** Runs every delivery that is due now; a call while one runs waits for that one. */
  runDue(): Promise<void> {
    this.running ??= this.runOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runOnce(): Promise<void> {
    const now = this.context.now().getTime();
    const { store } = this.context;
    this.pending ??= new Set(
      store
        .list<AddressChangeRecord>('address-changes')
        .filter((record) => record.status === 'inProgress')
        .map((record) => record.id),
    );
    const due: [string, DeliveryRecord][] = [];
    for (const id of this.pending) {
      const record = store.get<AddressChangeRecord>('address-changes', id);
      if (record?.status !== 'inProgress') {
        this.pending.delete(id);
        continue;
      }
      for (const delivery of record.deliveries) {
        if (!isFinal(delivery) && Date.parse(delivery.nextAttemptAt ?? '') <= now) {
          due.push([record.id, delivery]);
        }
      }
    }
    // Each on its own: one slow or failing service never holds up another.
    await Promise.allSettled(due.map(([id, delivery]) => this.step(id, delivery)));
  }

  private async step(requestId: string, delivery: DeliveryRecord): Promise<void> {
    const endpoint = this.context.endpoints.get(delivery.serviceId);
    if (!endpoint)
      return this.update(requestId, delivery.serviceId, finalOf('actionRequired', UNKNOWN_SERVICE));
    const record = this.context.store.get<AddressChangeRecord>('address-changes', requestId)!;
    const idempotencyKey = `${requestId}:${delivery.serviceId}`;
    if (delivery.phase === 'check') {
      let answer: ServiceAnswer | undefined;
      try {
        answer = await endpoint.status(idempotencyKey);
      } catch {
        return this.update(requestId, delivery.serviceId, { nextAttemptAt: this.after(CHECK_INTERVAL_MS) });
      }
      // The service forgot the order (it restarted): deliver it again, under the same key.
      if (!answer)
        return this.update(requestId, delivery.serviceId, { phase: 'deliver', nextAttemptAt: this.after(0) });
      return this.update(requestId, delivery.serviceId, this.patchOf(answer));
    }
    const attempts = delivery.attempts + 1;
    try {
      const answer = await endpoint.deliver({
        idempotencyKey,
        customerNumber: record.customerNumber,
        newAddress: record.newAddress,
      });
      return this.update(requestId, delivery.serviceId, { attempts, ...this.patchOf(answer) });
    } catch {
      if (attempts >= MAX_DELIVERY_ATTEMPTS) {
        return this.update(requestId, delivery.serviceId, {
          attempts,
          ...finalOf('actionRequired', UNREACHABLE),
        });
      }
      return this.update(requestId, delivery.serviceId, {
        attempts,
        nextAttemptAt: this.after(retryDelayMs(attempts, this.context.random)),
      });
    }
  }

  private patchOf(answer: ServiceAnswer): Partial<DeliveryRecord> {
    if (answer.status === 'actionRequired') return finalOf('actionRequired', answer);
    if (answer.status === 'completed') return finalOf('completed');
    return { status: 'accepted', phase: 'check', nextAttemptAt: this.after(CHECK_INTERVAL_MS) };
  }

  private after(ms: number): string {
    return new Date(this.context.now().getTime() + ms).toISOString();
  }

  private update(requestId: string, serviceId: string, patch: Partial<DeliveryRecord>): void {
    const { store, now } = this.context;
    store.transaction(() => {
      const record = store.get<AddressChangeRecord>('address-changes', requestId);
      const index = record?.deliveries.findIndex((d) => d.serviceId === serviceId) ?? -1;
      if (!record || index < 0 || isFinal(record.deliveries[index]!)) return;
      const updated: DeliveryRecord = {
        ...record.deliveries[index]!,
        ...patch,
        updatedAt: now().toISOString(),
      };
      if (isFinal(updated)) delete updated.nextAttemptAt;
      record.deliveries[index] = updated;
      if (updated.status === 'completed') {
        this.context.onCompleted(record.customerNumber, serviceId, record.newAddress);
      }
      if (record.deliveries.every(isFinal)) this.finish(record);
      store.put('address-changes', requestId, record);
    });
  }

  /** Every service answered: the request's status, and the result in the inbox. */
  private finish(record: AddressChangeRecord): void {
    const allDone = record.deliveries.every((d) => d.status === 'completed');
    record.status = allDone ? 'completed' : 'actionRequired';
    const lines = record.deliveries.map((d) =>
      d.status === 'completed' ? `・${d.name}：完了` : `・${d.name}：要対応（${d.reason ?? ''}）`,
    );
    const linesEn = record.deliveries.map((d) =>
      d.status === 'completed' ? `- ${d.nameEn}: done` : `- ${d.nameEn}: action needed (${d.reasonEn ?? ''})`,
    );
    const notice = this.context.notices.deliver(PLATFORM_SENDER.id, record.customerNumber, {
      title: allDone ? '住所変更の届け出がすべて終わりました' : '住所変更の届け出に要対応があります',
      titleEn: allDone ? 'Your address change is done everywhere' : 'Your address change needs your action',
      body: `新しい住所：${record.newAddress}\n${lines.join('\n')}`,
      bodyEn: `New address: ${record.newAddress}\n${linesEn.join('\n')}`,
    });
    record.resultNoticeId = notice.id;
  }
}

function finalOf(
  status: 'completed' | 'actionRequired',
  reason?: { reason: string; reasonEn: string },
): Partial<DeliveryRecord> {
  return { status, ...(reason ? { reason: reason.reason, reasonEn: reason.reasonEn } : {}) };
}
