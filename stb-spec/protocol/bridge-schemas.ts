/**
 * Every schema the bridge validates with, by a stable name: the production bridge bundle
 * precompiles exactly these (native-bridge/service/precompiled-validators.ts) and the bridge asks
 * for them by name (bridge-checks.ts), so the bundle carries no schema objects at run time.
 */
import type { TSchema } from '@sinclair/typebox';
import { Request, RequestId } from './json-rpc';
import { METHOD_NAMES, Methods } from './methods';
import type { MethodName } from './names';

export type BridgeSchemaName = 'Request' | 'RequestId' | `${MethodName}.params`;

export function bridgeSchemas(): [name: BridgeSchemaName, schema: TSchema][] {
  return [
    ['Request', Request],
    ['RequestId', RequestId],
    // The bridge checks what it is sent, never its own results (the conformance kit does that).
    ...METHOD_NAMES.map((name): [BridgeSchemaName, TSchema] => [`${name}.params`, Methods[name].params]),
  ];
}
