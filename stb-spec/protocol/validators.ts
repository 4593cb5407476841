/**
 * The validator of each schema, compiled by ajv on first use. The production bridge bundle swaps this
 * module for validators precompiled at build time from the same schemas (native-bridge/service/
 * precompiled-validators.ts): compiling them at start cost the box about 10 MB of memory.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import type { TSchema } from '@sinclair/typebox';
import { bridgeSchemas, type BridgeSchemaName } from './bridge-schemas';

/** The options both ways of compiling use, so their answers are the same. */
export const PROTOCOL_AJV_OPTIONS = { allErrors: false, strict: false } as const;

const ajv = new Ajv(PROTOCOL_AJV_OPTIONS);
const compiled = new Map<TSchema, ValidateFunction>();
let bridgeSchemasByName: Map<BridgeSchemaName, TSchema> | undefined;

export function validatorOf(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** The validator of a schema the bridge checks with, by its name in bridge-schemas.ts. */
export function validatorNamed(name: BridgeSchemaName): ValidateFunction {
  bridgeSchemasByName ??= new Map(bridgeSchemas());
  const schema = bridgeSchemasByName.get(name);
  if (!schema) throw new Error(`no bridge schema is named ${name}: see stb-spec/protocol/bridge-schemas.ts`);
  return validatorOf(schema);
}
