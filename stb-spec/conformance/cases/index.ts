/**
 * All conformance cases, in the order they run: by id, except that the APDU check of the whole run
 * (privacy) comes last, so it sees every APDU the other cases caused.
 */
import type { ConformanceCase } from '../case';
import { cardIdentityCases } from './card-identity';
import { cardStateCases } from './card-states';
import { certificateCases } from './certificates';
import { connectionCases } from './connection';
import { endpointCases } from './endpoint';
import { eventCases } from './events';
import { jsonRpcCases } from './json-rpc';
import { lastTryCases } from './last-try';
import { methodCases } from './methods';
import { notificationCases } from './notifications';
import { paramsCases } from './params';
import { pinCases } from './pins';
import { privacyCases } from './privacy';
import { readerCases } from './readers';
import { robustnessCases } from './robustness';
import { timeoutCases } from './timeouts';
import { unreadOutputCases } from './unread-output';

export const ALL_CASES: readonly ConformanceCase[] = [
  ...[
    ...connectionCases,
    ...endpointCases,
    ...jsonRpcCases,
    ...paramsCases,
    ...robustnessCases,
    ...methodCases,
    ...certificateCases,
    ...pinCases,
    ...lastTryCases,
    ...eventCases,
    ...cardStateCases,
    ...cardIdentityCases,
    ...notificationCases,
    ...readerCases,
    ...timeoutCases,
    ...unreadOutputCases,
  ].sort((a, b) => a.id.localeCompare(b.id)),
  ...privacyCases,
];
