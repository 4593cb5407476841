/**
 * The one-stop address change: 最新4情報 from J-LIS with the viewer's consent, the catalogue's
 * services with the address each linked one holds, and the request — one 本人同意 signed with the
 * card's signature key, checked like a registration, kept with the request as evidence — after
 * which each service is told on its own (DeliveryRunner). The same Idempotency-Key and body
 * answer the same request, also while the first is still being checked (a double OK).
 */
import { bytesToBase64, bytesToBase64Url } from '../../../../src/platform/base64';
import { addressChangeConsentMessage } from '../../../../src/platform/consent';
import type {
  AddressChange,
  AddressChangeList,
  BasicInformation,
  ConsentChallenge,
  LinkedServiceList,
} from '../../../../src/platform/types';
import { SERVICE_CATALOGUE, HELD_ADDRESSES } from '../../seed/address-change';
import { IdempotencyLedger, idempotencyKeyOf } from '../../store/idempotency';
import type { RecordStore } from '../../store/record-store';
import type { ChallengeStore } from '../challenges';
import type { NoticeBox } from '../notices/notice-box';
import { plainText } from '../notices/plain-text';
import { invalid, ProblemError } from '../problem';
import type { Session } from '../sessions';
import type { BasicInformationService } from './basic-information';
import { DeliveryRunner } from './delivery';
import { addressChangeOf, type AddressChangeRecord } from './records';
import type { ServiceEndpoint } from './services';

export interface AddressChangeContext {
  store: RecordStore;
  now: () => Date;
  challenges: ChallengeStore;
  notices: NoticeBox;
  basicInformation: BasicInformationService;
  endpoints: ReadonlyMap<string, ServiceEndpoint>;
  /** A draw in [0, 1) for the delivery retries' jitter. */
  random: () => number;
  /** Checks the consent signature (AuthService.verifyConsent). */
  verifyConsent: (
    session: Session,
    body: Record<string, unknown>,
    message: Uint8Array,
  ) => Promise<{ serialHex: string }>;
}

interface ServiceAccount {
  customerNumber: string;
  serviceId: string;
  address: string;
}

const ADDRESS = { maxLength: 200, singleLine: true };
const MAX_SERVICES = 10;
const accountId = (customerNumber: string, serviceId: string): string => `${customerNumber}|${serviceId}`;

export class AddressChangeDesk {
  private readonly keys: IdempotencyLedger;
  private readonly inFlight = new Map<string, Promise<AddressChangeRecord>>();
  readonly delivery: DeliveryRunner;

  constructor(private readonly context: AddressChangeContext) {
    this.keys = new IdempotencyLedger(context.store, 'address-change-keys');
    this.delivery = new DeliveryRunner({
      store: context.store,
      now: context.now,
      endpoints: context.endpoints,
      notices: context.notices,
      random: context.random,
      onCompleted: (customerNumber, serviceId, address) =>
        context.store.put(
          'service-accounts',
          accountId(customerNumber, serviceId),
          { customerNumber, serviceId, address },
          customerNumber,
        ),
    });
  }

  /** The linked services' accounts of the demo town (at the first start, and after a reset). */
  seed(): void {
    this.context.store.transaction(() => {
      for (const [customerNumber, held] of Object.entries(HELD_ADDRESSES)) {
        for (const [serviceId, address] of Object.entries(held)) {
          const account: ServiceAccount = { customerNumber, serviceId, address };
          this.context.store.put(
            'service-accounts',
            accountId(customerNumber, serviceId),
            account,
            customerNumber,
          );
        }
      }
    });
  }

  challenge(session: Session): ConsentChallenge {
    const { challenge, expiresAt } = this.context.challenges.issue('consent', session.userId);
    return { challenge, expiresAt };
  }

  async basicInformation(session: Session, body: Record<string, unknown>): Promise<BasicInformation> {
    if (body.consent !== true) throw invalid('consent', 'must be true: the viewer agreed to the fetch');
    const latest = await this.context.basicInformation.latest({
      customerNumber: session.customerNumber,
      authCertificateSha256: session.certificateId,
    });
    if (!latest) {
      throw new ProblemError(503, 'PLATFORM_UNAVAILABLE', 'J-LIS has no basic information for this viewer');
    }
    const fetchedAt = this.context.now().toISOString();
    // Who asked J-LIS about whom, and when, on the viewer's consent (never what J-LIS answered).
    const fetched = { customerNumber: session.customerNumber, userId: session.userId, fetchedAt };
    const id = `${session.userId}|${fetchedAt}|${bytesToBase64Url(crypto.getRandomValues(new Uint8Array(6)))}`;
    this.context.store.put('basic-information-fetches', id, fetched, session.customerNumber);
    return { ...latest, fetchedAt };
  }

  services(session: Session): LinkedServiceList {
    const held = new Map(
      this.context.store
        .list<ServiceAccount>('service-accounts', session.customerNumber)
        .map((account) => [account.serviceId, account.address]),
    );
    return {
      services: SERVICE_CATALOGUE.map(({ id, kind, name, nameEn }) => {
        const address = held.get(id);
        return {
          id,
          kind,
          name,
          nameEn,
          linked: address !== undefined,
          ...(address ? { heldAddress: address } : {}),
        };
      }),
    };
  }

  list(session: Session): AddressChangeList {
    const records = this.context.store.list<AddressChangeRecord>('address-changes', session.customerNumber);
    // Newest first; of two made at the same instant, the later made first (the store's order, reversed).
    records.reverse().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { addressChanges: records.map(addressChangeOf) };
  }

  get(session: Session, requestId: string): AddressChange {
    return addressChangeOf(this.mine(session, requestId));
  }

  /** 201 with a new request, or 200 with the one this key already made. */
  async create(
    session: Session,
    idempotencyHeader: string | null,
    body: Record<string, unknown>,
  ): Promise<{ request: AddressChange; created: boolean }> {
    const key = idempotencyKeyOf(idempotencyHeader);
    const newAddress = plainText(body.newAddress, 'newAddress', ADDRESS);
    const services = this.servicesOf(session, body.services);
    const fingerprint = JSON.stringify([newAddress, [...services].sort()]);
    const scope = session.userId;
    const previous = this.keys.previous(scope, key, fingerprint);
    if (previous) return { request: this.get(session, previous), created: false };
    const flight = `${scope}|${key}`;
    const running = this.inFlight.get(flight);
    if (running) {
      const record = await running;
      if (this.keys.previous(scope, key, fingerprint) !== record.id)
        throw new ProblemError(422, 'IDEMPOTENCY_KEY_REUSED');
      return { request: addressChangeOf(record), created: false };
    }
    const made = this.make(session, body, newAddress, services, key, fingerprint);
    this.inFlight.set(flight, made);
    try {
      return { request: addressChangeOf(await made), created: true };
    } finally {
      this.inFlight.delete(flight);
    }
  }

  private async make(
    session: Session,
    body: Record<string, unknown>,
    newAddress: string,
    services: string[],
    key: string,
    fingerprint: string,
  ): Promise<AddressChangeRecord> {
    const challenge = body.challenge;
    this.context.challenges.consume(challenge, 'consent', session.userId);
    const message = addressChangeConsentMessage({ challenge: challenge as string, newAddress, services });
    const { serialHex } = await this.context.verifyConsent(session, body, message);
    const now = this.context.now().toISOString();
    const record: AddressChangeRecord = {
      id: `ac_${bytesToBase64Url(crypto.getRandomValues(new Uint8Array(12)))}`,
      customerNumber: session.customerNumber,
      status: 'inProgress',
      newAddress,
      createdAt: now,
      consent: { signedAt: now, signCertificateSerial: serialHex },
      evidence: {
        message: bytesToBase64(message),
        signature: body.signature as string,
        signCertificate: body.signCertificate as string,
      },
      deliveries: services.map((serviceId) => {
        const service = SERVICE_CATALOGUE.find((s) => s.id === serviceId)!;
        return {
          serviceId,
          name: service.name,
          nameEn: service.nameEn,
          status: 'sending',
          attempts: 0,
          updatedAt: now,
          phase: 'deliver',
          nextAttemptAt: now,
        };
      }),
    };
    this.context.store.transaction(() => {
      this.context.store.put('address-changes', record.id, record, session.customerNumber);
      this.keys.remember(session.userId, key, fingerprint, record.id);
    });
    this.delivery.track(record.id);
    return record;
  }

  private servicesOf(session: Session, value: unknown): string[] {
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SERVICES) {
      throw invalid('services', `1 to ${MAX_SERVICES} service ids`);
    }
    const linked = new Set(
      this.services(session)
        .services.filter((s) => s.linked)
        .map((s) => s.id),
    );
    const chosen = new Set<string>();
    for (const id of value) {
      if (typeof id !== 'string' || !linked.has(id))
        throw invalid('services', `${String(id).slice(0, 64)} is not a linked service`);
      if (chosen.has(id)) throw invalid('services', `${id} is listed twice`);
      chosen.add(id);
    }
    return [...chosen];
  }

  private mine(session: Session, requestId: string): AddressChangeRecord {
    const record =
      requestId.length > 64
        ? undefined
        : this.context.store.get<AddressChangeRecord>('address-changes', requestId);
    if (!record || record.customerNumber !== session.customerNumber) {
      throw new ProblemError(404, 'ADDRESS_CHANGE_NOT_FOUND');
    }
    return record;
  }
}
