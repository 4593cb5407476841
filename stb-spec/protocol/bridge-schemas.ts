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
    ...METHOD_NAMES.flatMap((name): [string, TSchema][] => [
      [`${name}.params`, Methods[name].params],
      [`${name}.result`, Methods[name].result],
    ]),
  ];
}
