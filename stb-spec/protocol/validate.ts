/**
 * Validation of protocol messages against any of the schemas (ajv), for the kit and the tests. The
 * bridge checks what it is sent by schema name instead (bridge-checks.ts).
 */
import type { TSchema } from '@sinclair/typebox';
import { problemOf } from './bridge-checks';
import { Methods, type MethodName } from './methods';
import { validatorOf } from './validators';

/** undefined when valid; otherwise a short reason for error.message (never echoes values: they may hold a PIN). */
export const checkAgainst = (schema: TSchema, value: unknown): string | undefined =>
  problemOf(validatorOf(schema), value);

export const checkResult = (method: MethodName, result: unknown) =>
  checkAgainst(Methods[method].result, result);
