/**
 * The validator of each schema, compiled by ajv on first use. The production bridge bundle swaps this
 * module for validators precompiled at build time from the same schemas (native-bridge/service/
 * precompiled-validators.ts): compiling them at start cost the box about 10 MB of memory.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import type { TSchema } from '@sinclair/typebox';

/** The options both ways of compiling use, so their answers are the same. */
export const PROTOCOL_AJV_OPTIONS = { allErrors: false, strict: false } as const;

const ajv = new Ajv(PROTOCOL_AJV_OPTIONS);
const compiled = new Map<TSchema, ValidateFunction>();

export function validatorOf(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}
