/**
 * What the bridge checks of every message it is sent, by schema name: the production bundle swaps
 * validators.ts for functions precompiled from bridge-schemas.ts, so the bridge on the box carries
 * neither ajv nor the TypeBox schemas (about 1 MB of its memory, and a third of the bundle).
 */
import type { ValidateFunction } from 'ajv';
import type { BridgeSchemaName } from './bridge-schemas';
import type { MethodName } from './names';
import { validatorNamed } from './validators';

/** undefined when valid; otherwise a short reason for error.message (never echoes values: they may hold a PIN). */
export function problemOf(validate: ValidateFunction, value: unknown): string | undefined {
  if (validate(value)) return undefined;
  const first = validate.errors?.[0];
  return first ? `${first.instancePath || 'params'} ${first.message ?? 'is invalid'}` : 'invalid';
}

const check = (name: BridgeSchemaName, value: unknown) => problemOf(validatorNamed(name), value);

/** The JSON-RPC 2.0 request envelope. */
export const checkRequest = (message: unknown) => check('Request', message);
/** An id the protocol allows (an integer, or a string of at most 128 characters). */
export const checkRequestId = (id: unknown) => check('RequestId', id);
export const checkParams = (method: MethodName, params: unknown) => check(`${method}.params`, params);
