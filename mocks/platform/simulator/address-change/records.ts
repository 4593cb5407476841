/** An address-change request as the store keeps it, and as the API shows it (without the evidence). */
import type { AddressChange, ServiceDelivery } from '../../../../src/platform/types';

export interface DeliveryRecord extends ServiceDelivery {
  /** deliver: the service has not taken the order yet; check: it did, and is asked how it went. */
  phase: 'deliver' | 'check';
  /** When to try (or ask) next; absent once the status is final. */
  nextAttemptAt?: string;
}

export interface AddressChangeRecord extends Omit<AddressChange, 'deliveries'> {
  customerNumber: string;
  deliveries: DeliveryRecord[];
  /** The consent's evidence: what was signed, the signature and the certificate (base64). */
  evidence: { message: string; signature: string; signCertificate: string };
  resultNoticeId?: string;
}

export const isFinal = (delivery: ServiceDelivery): boolean =>
  delivery.status === 'completed' || delivery.status === 'actionRequired';

/** The API's view: no evidence, no scheduling. */
export function addressChangeOf(record: AddressChangeRecord): AddressChange {
  return {
    id: record.id,
    status: record.status,
    newAddress: record.newAddress,
    createdAt: record.createdAt,
    consent: record.consent,
    deliveries: record.deliveries.map(({ phase: _phase, nextAttemptAt: _next, ...delivery }) => delivery),
  };
}
