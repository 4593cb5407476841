/**
 * The bridge bundle's schema validators, generated from the schemas when the bundle is built (ajv
 * standalone code), in place of compiling them when the bridge starts: ajv's compiling cost the
 * idle box about 14 MB of its memory for the life of the process. The schemas stay the one source:
 * the protocol's from stb-spec/protocol (the TypeBox objects stb-spec/schemas/ is exported from),
 * the configuration's from bridge-config.schema.json; nothing here is written by hand or kept in
 * the repository. precompiled-validators.test.ts holds their answers to ajv's compiled at run time.
 *
 * An esbuild plugin swaps two modules: stb-spec/protocol/validators.ts (every schema of
 * bridge-schemas.ts, by its name there) and native-bridge/service/config-validator.ts.
 */
import path from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import type { Plugin } from 'esbuild';
import { bridgeSchemas } from '../../stb-spec/protocol/bridge-schemas';
import { PROTOCOL_AJV_OPTIONS } from '../../stb-spec/protocol/validators';
import { CONFIG_AJV_OPTIONS } from './config-validator';
import configSchema from './bridge-config.schema.json';

const REPO = path.resolve(__dirname, '..', '..');
const PROTOCOL_VALIDATORS = path.join(REPO, 'stb-spec', 'protocol', 'validators.ts');
const CONFIG_VALIDATOR = path.join(REPO, 'native-bridge', 'service', 'config-validator.ts');

/**
 * stb-spec/protocol/validators.ts for the bundle: validatorNamed() over precompiled functions. It
 * requires no schema module, so neither TypeBox nor the schema objects are in the bundle.
 */
function protocolValidatorsModule(): string {
  const ajv = new Ajv({ ...PROTOCOL_AJV_OPTIONS, code: { source: true } });
  const exported: Record<string, string> = {};
  for (const [name, schema] of bridgeSchemas()) {
    ajv.addSchema(schema, name);
    exported[name] = name;
  }
  return `"use strict";
// Generated when the bundle was built (native-bridge/service/precompiled-validators.ts).
const precompiled = {};
(function (exports) {
${standaloneCode(ajv, exported)}
})(precompiled);
exports.validatorNamed = function validatorNamed(name) {
  const validate = Object.hasOwn(precompiled, name) ? precompiled[name] : undefined;
  if (!validate) throw new Error('no validator was precompiled under this name: see stb-spec/protocol/bridge-schemas.ts');
  return validate;
};
exports.validatorOf = function validatorOf() {
  throw new Error('the bridge bundle validates by schema name only: see stb-spec/protocol/bridge-checks.ts');
};
`;
}

/** native-bridge/service/config-validator.ts for the bundle. */
function configValidatorModule(): string {
  const ajv = new Ajv2020({ ...CONFIG_AJV_OPTIONS, code: { source: true } });
  return `"use strict";
// Generated when the bundle was built (native-bridge/service/precompiled-validators.ts).
const generated = { exports: {} };
(function (module, exports) {
${standaloneCode(ajv, ajv.compile(configSchema))}
})(generated, generated.exports);
exports.validateConfig = generated.exports;
`;
}

export function precompiledValidators(): Plugin {
  const modules = new Map([
    [PROTOCOL_VALIDATORS, protocolValidatorsModule],
    [CONFIG_VALIDATOR, configValidatorModule],
  ]);
  return {
    name: 'precompiled-validators',
    setup(build) {
      build.onLoad({ filter: /(validators|config-validator)\.ts$/ }, (args) => {
        const generate = modules.get(args.path);
        if (!generate) return undefined;
        return { contents: generate(), loader: 'js', resolveDir: REPO };
      });
    },
  };
}
