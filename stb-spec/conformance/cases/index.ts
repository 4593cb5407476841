/** All conformance cases, in the order they run (which keeps card changes few). */
import type { ConformanceCase } from '../case';
import { cardStateCases } from './card-states';
import { connectionCases } from './connection';
import { eventCases } from './events';
import { jsonRpcCases } from './json-rpc';
import { methodCases } from './methods';
import { paramsCases } from './params';
import { pinCases } from './pins';
import { privacyCases } from './privacy';
import { robustnessCases } from './robustness';

export const ALL_CASES: readonly ConformanceCase[] = [
  ...connectionCases,
  ...jsonRpcCases,
  ...paramsCases,
  ...robustnessCases,
  ...methodCases,
  ...pinCases,
  ...eventCases,
  ...cardStateCases,
  ...privacyCases,
].sort((a, b) => a.id.localeCompare(b.id));
