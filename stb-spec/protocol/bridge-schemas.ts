/**
 * Every schema the bridge validates with, by a stable name: the production bridge bundle
 * precompiles exactly these (native-bridge/service/precompiled-validators.ts) and finds them again
 * by these objects at run time.
 */
import type { TSchema } from '@sinclair/typebox';
import { Request, RequestId } from './json-rpc';
import { METHOD_NAMES, Methods } from './methods';

export function bridgeSchemas(): [name: string, schema: TSchema][] {
  return [
    ['Request', Request],
    ['RequestId', RequestId],
    // The bridge checks what it is sent, never its own results (the conformance kit does that).
    ...METHOD_NAMES.map((name): [string, TSchema] => [`${name}.params`, Methods[name].params]),
  ];
}
