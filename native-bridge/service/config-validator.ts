/**
 * bridge-config.schema.json compiled by ajv when first imported. The production bundle swaps this
 * module for the same validator precompiled at build time (precompiled-validators.ts), so the box
 * never compiles a schema.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { BridgeServiceConfig } from './config';
import schema from './bridge-config.schema.json';

/** The options both ways of compiling use, so their answers are the same. */
export const CONFIG_AJV_OPTIONS = { allErrors: true, strict: true, strictRequired: false } as const;

export const validateConfig = new Ajv2020(CONFIG_AJV_OPTIONS).compile<BridgeServiceConfig>(schema);
