/**
 * A release folder's name. Its own module: the app's launch record (launch-record.ts, in the
 * initial bundle) checks names too, and rollout-plan.ts brings tweetnacl, which only the launcher
 * and the rollout tool need.
 */

/** A release folder's name as `npm run dist` makes it: `<version>-<12 hex>`, nothing that walks paths. */
export const isReleaseName = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length <= 80 &&
  /^[0-9][0-9A-Za-z.+-]*-[0-9a-f]{12}$/.test(value) &&
  !value.includes('..');
