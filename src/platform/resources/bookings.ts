/**
 * Bookings. create() always sends an Idempotency-Key, so the SDK may resend it after a network
 * failure without booking twice. An app that lets the viewer press "try again" should keep the key
 * of the first press (newIdempotencyKey()) and pass it again.
 */
import { bytesToBase64Url } from '../base64';
import type { Booking, BookingList, BookingRequest } from '../types';
import { CollectionResource, segment, sendChange, type CallOptions, type ResourceContext } from './context';

export function newIdempotencyKey(): string {
  // getRandomValues, not randomUUID: the box's WebKit may predate randomUUID.
  return bytesToBase64Url(crypto.getRandomValues(new Uint8Array(18)));
}

/** POSTs a new resource under an Idempotency-Key (the caller's, else a new one): a resend makes no second one. */
export function createOnce<T>(
  context: ResourceContext,
  path: string,
  body: unknown,
  options: CallOptions & { idempotencyKey?: string },
): Promise<T> {
  return context.session.send<T>({
    method: 'POST',
    path,
    body,
    headers: { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() },
    signal: options.signal,
  });
}

export class BookingsResource extends CollectionResource<BookingList, Booking> {
  constructor(context: ResourceContext) {
    super(context, '/v1/bookings');
  }

  create(request: BookingRequest, options: CallOptions & { idempotencyKey?: string } = {}): Promise<Booking> {
    return createOnce<Booking>(this.context, '/v1/bookings', request, options);
  }

  /** Cancels (idempotent). Past the deadline: CancellationDeadlinePassedError with the rule. */
  cancel(bookingId: string, options: CallOptions = {}): Promise<Booking> {
    return sendChange<Booking>(this.context, 'DELETE', `/v1/bookings/${segment(bookingId)}`, options);
  }
}
