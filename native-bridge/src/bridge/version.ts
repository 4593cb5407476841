/**
 * Who this bridge is, for getInfo, `--version` and every log line. The version is the project's
 * (package.json), so a release names one number everywhere; the spec and protocol versions come
 * from the spec's names.
 */
import { PROTOCOL_VERSION, SPEC_VERSION } from '../../../stb-spec/protocol/names';
import { version } from '../../../package.json';

export const IMPLEMENTATION = { name: 'madoguchi-bridge', version } as const;

/** `madoguchi-bridge 0.1.0 (spec 2.0, protocol 1)`: what `--version` prints. */
export const VERSION_LINE = `${IMPLEMENTATION.name} ${IMPLEMENTATION.version} (spec ${SPEC_VERSION}, protocol ${PROTOCOL_VERSION})`;
