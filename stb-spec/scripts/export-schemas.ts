/**
 * Writes the protocol's machine-readable JSON Schemas (2020-12) into stb-spec/schemas/, generated
 * from the TypeBox definitions in stb-spec/protocol/ (the single source of protocol types):
 *
 *   npx tsx stb-spec/scripts/export-schemas.ts           # (re)write every schema, drop stale ones
 *   npx tsx stb-spec/scripts/export-schemas.ts --check   # exit 1 when a committed file is stale
 *
 * stb-spec/schemas.test.ts regenerates them in memory and fails when a committed file has drifted.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Type, type TSchema } from '@sinclair/typebox';
import {
  BridgeErrorCode,
  CALLSIGN,
  ErrorData,
  ErrorResponse,
  JsonRpcErrorCode,
  METHOD_NAMES,
  Methods,
  Notification,
  PROTOCOL_VERSION,
  Request,
  STATUS_CHANGED,
  Status,
  SuccessResponse,
  qualifiedName,
  type MethodName,
} from '../protocol';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
/** Every schema's `$id` is this base plus its path below stb-spec/schemas/. */
export const SCHEMA_ID_BASE = `https://madoguchi.example/stb-spec/v${PROTOCOL_VERSION}/`;
export const SCHEMAS_DIR = path.resolve(__dirname, '..', 'schemas');
export const SCHEMA_SUFFIX = '.schema.json';

type JsonObject = Record<string, unknown>;

/** One line per method; the normative text is stb-spec/spec.md. */
const METHOD_SUMMARY: Record<MethodName, string> = {
  getInfo:
    'The spec version, the capabilities and the limits this bridge keeps. Needs no card and never answers BUSY.',
  getStatus: 'The readers and what is in them. Needs no card and never answers BUSY.',
  readCertificate:
    'Reads a certificate that needs no PIN: the user-authentication certificate or one of the two CA certificates.',
  readSignCertificate:
    'Verifies the signature password, then reads the signature certificate (it holds name, address, birth date and sex).',
  getPinStatus: 'Tries left for the auth PIN or the signature password, without spending one.',
  sign: 'Verifies the PIN of the same kind as the key, then signs the SHA-256 DigestInfo (RSASSA-PKCS1-v1_5, RSA-2048).',
  register: `Subscribes this connection to "${STATUS_CHANGED}": notifications "<id>.${STATUS_CHANGED}" follow.`,
  unregister: `Ends a "${STATUS_CHANGED}" subscription of this connection.`,
};

/** A TypeBox schema as plain JSON (TypeBox's symbol keys dropped), under the 2020-12 dialect. */
function document(relativePath: string, title: string, description: string, schema: TSchema): JsonObject {
  const plain = JSON.parse(JSON.stringify(schema)) as JsonObject;
  const own = typeof plain.description === 'string' ? ` ${plain.description}` : '';
  delete plain.description;
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: SCHEMA_ID_BASE + relativePath,
    title,
    description: description + own,
    ...plain,
  };
}

/** Every schema file, by path below stb-spec/schemas/, in a stable order. */
export function buildSchemas(): Map<string, JsonObject> {
  const files = new Map<string, JsonObject>();
  const add = (name: string, title: string, description: string, schema: TSchema) => {
    const relativePath = name + SCHEMA_SUFFIX;
    files.set(relativePath, document(relativePath, title, description, schema));
  };

  for (const method of METHOD_NAMES) {
    const qualified = qualifiedName(method);
    const { params, result } = Methods[method];
    const paramsNote =
      method === 'getStatus' ? ' params may also be omitted, or be an empty object or an empty array.' : '';
    add(`${method}.params`, `${qualified} params`, METHOD_SUMMARY[method] + paramsNote, params);
    add(`${method}.result`, `${qualified} result`, METHOD_SUMMARY[method], result);
  }

  add(
    'request',
    'JSON-RPC 2.0 request or notification',
    `One JSON text frame, no batches. method is "${CALLSIGN}.${PROTOCOL_VERSION}.<name>"; a message without id is a notification and is never answered.`,
    Request,
  );
  add(
    'response',
    'JSON-RPC 2.0 success response',
    'The id is the request id; result is the method result (see <method>.result.schema.json).',
    SuccessResponse,
  );
  add(
    'error-response',
    'JSON-RPC 2.0 error response',
    'id is null when the request id could not be read. error.data, where a code has data, follows error-data/<NAME>.schema.json.',
    ErrorResponse,
  );
  add(
    'notification.status-changed',
    `${STATUS_CHANGED} notification`,
    `Sent to each id registered on the connection: method "<id>.${STATUS_CHANGED}", params = the ${qualifiedName('getStatus')} result.`,
    Type.Object({ ...Notification.properties, params: Status }, { additionalProperties: false }),
  );

  const codes: Record<string, number> = { ...BridgeErrorCode, ...JsonRpcErrorCode };
  for (const [name, schema] of Object.entries(ErrorData)) {
    if (!schema) continue;
    add(`error-data/${name}`, `${name} error.data`, `error.data of code ${codes[name]} (${name}).`, schema);
  }
  return files;
}

/** `sign.params.schema.json` → `sign.params`; `error-data/BUSY.schema.json` → `error-data/BUSY`. */
export function schemaName(relativePath: string): string {
  return relativePath.endsWith(SCHEMA_SUFFIX) ? relativePath.slice(0, -SCHEMA_SUFFIX.length) : relativePath;
}

/** The committed schema files, by path below `dir`, with '/' separators. */
export function committedSchemaFiles(dir = SCHEMAS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith(SCHEMA_SUFFIX))
    .sort();
}

async function formatted(relativePath: string, schema: JsonObject): Promise<string> {
  const prettier = await import('prettier');
  const filepath = path.join(SCHEMAS_DIR, relativePath);
  const options = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(JSON.stringify(schema, null, 2), { ...options, filepath });
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const schemas = buildSchemas();
  const problems: string[] = [];
  for (const [relativePath, schema] of schemas) {
    const file = path.join(SCHEMAS_DIR, relativePath);
    const text = await formatted(relativePath, schema);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current === text) continue;
    if (check) {
      problems.push(`${current === undefined ? 'missing' : 'stale'}: schemas/${relativePath}`);
      continue;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote schemas/${relativePath}`);
  }
  for (const relativePath of committedSchemaFiles()) {
    if (schemas.has(relativePath)) continue;
    if (check) {
      problems.push(`not generated (remove it): schemas/${relativePath}`);
      continue;
    }
    rmSync(path.join(SCHEMAS_DIR, relativePath));
    console.log(`removed schemas/${relativePath}`);
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    console.error('run: npx tsx stb-spec/scripts/export-schemas.ts');
    return 1;
  }
  console.log(`${schemas.size} schemas ${check ? 'up to date' : 'written'} in stb-spec/schemas/`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
