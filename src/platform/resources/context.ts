/** What every resource needs: the plain transport and the authenticated session on top of it. */
import type { AuthSession } from '../auth-session';
import type { HttpRequest, PlatformHttp } from '../http';

export interface ResourceContext {
  http: PlatformHttp;
  session: AuthSession;
}

/** Options every call takes. */
export interface CallOptions {
  signal?: AbortSignal;
}

export const segment = (value: string): string => encodeURIComponent(value);

/** GETs one resource as the signed-in viewer: what every read of the API is. */
export function getResource<T>(
  context: ResourceContext,
  path: string,
  options: CallOptions,
  query?: HttpRequest['query'],
): Promise<T> {
  return context.session.send<T>({ method: 'GET', path, query, signal: options.signal });
}

/** Changes a resource as the signed-in viewer (POST, PUT or DELETE), sending `body` when there is one. */
export function sendChange<T>(
  context: ResourceContext,
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: CallOptions,
  body?: unknown,
): Promise<T> {
  return context.session.send<T>({
    method,
    path,
    ...(body === undefined ? {} : { body }),
    signal: options.signal,
  });
}

/** A collection the platform lists at `path` and serves one item of at `path/{id}`. */
export abstract class CollectionResource<List, Item> {
  constructor(
    protected readonly context: ResourceContext,
    private readonly path: string,
  ) {}

  list(options: CallOptions = {}): Promise<List> {
    return getResource<List>(this.context, this.path, options);
  }

  get(id: string, options: CallOptions = {}): Promise<Item> {
    return getResource<Item>(this.context, `${this.path}/${segment(id)}`, options);
  }
}
