/** Validation of protocol messages against the schemas (ajv), shared by the bridge and the kit. */
import type { TSchema } from '@sinclair/typebox';
import { Methods, type MethodName } from './methods';
import { validatorOf } from './validators';

/** undefined when valid; otherwise a short reason for error.message (never echoes values: they may hold a PIN). */
export function checkAgainst(schema: TSchema, value: unknown): string | undefined {
  const validate = validatorOf(schema);
  if (validate(value)) return undefined;
  const first = validate.errors?.[0];
  return first ? `${first.instancePath || 'params'} ${first.message ?? 'is invalid'}` : 'invalid';
}

export const checkParams = (method: MethodName, params: unknown) =>
  checkAgainst(Methods[method].params, params);
export const checkResult = (method: MethodName, result: unknown) =>
  checkAgainst(Methods[method].result, result);
