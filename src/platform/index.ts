/** The cable platform client SDK (see client.ts); types come from api/platform.openapi.yaml. */
export { PlatformClient, DEFAULT_TIMEOUT_MS, type PlatformClientOptions } from './client';
export * from './errors';
export { MESSAGES, type ClientErrorCode, type PlatformErrorCode, type ViewerMessage } from './messages';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export { challengeDigest, type AuthCard, type RegistrationCard } from './card';
export { newIdempotencyKey } from './resources/bookings';
export type { DateRange } from './resources/health';
export type { AvailabilityQuery } from './resources/facilities';
export type { CallOptions } from './resources/context';
export type * from './types';
