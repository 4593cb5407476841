/** What every resource needs: the plain transport and the authenticated session on top of it. */
import type { AuthSession } from '../auth-session';
import type { PlatformHttp } from '../http';

export interface ResourceContext {
  http: PlatformHttp;
  session: AuthSession;
}

/** Options every call takes. */
export interface CallOptions {
  signal?: AbortSignal;
}

export const segment = (value: string): string => encodeURIComponent(value);
