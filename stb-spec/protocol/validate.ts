/** Validation of protocol messages against the schemas (ajv), shared by the bridge and the kit. */
import Ajv, { type ValidateFunction } from 'ajv';
import type { TSchema } from '@sinclair/typebox';
import { Methods, type MethodName } from './methods';

const ajv = new Ajv({ allErrors: false, strict: false });
const compiled = new Map<TSchema, ValidateFunction>();

function validatorOf(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

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
