/** The cable platform client SDK (see client.ts); types come from api/platform.openapi.yaml. */
export { PlatformClient } from './client';
export * from './errors';
export type * from './types';
