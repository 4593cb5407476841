/**
 * What the viewer reads when something goes wrong with the platform: short, plain, and what to do
 * next, in Japanese (shown on the TV) and English (logs, support, the English UI), one entry per
 * error code. The texts live in the app's message table (src/machines/messages.json, key
 * `msg.<CODE>`), so the SDK and the flows say the same thing in the same words.
 */
import table from '../machines/messages.json';
import type { ProblemCode } from './types';

/** Codes the SDK raises itself, without an answer from the platform. */
type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'UNEXPECTED_RESPONSE' | 'NOT_LOGGED_IN';
export type PlatformErrorCode = ProblemCode | ClientErrorCode;

export interface ViewerMessage {
  ja: string;
  en: string;
}

/** A code the table lacks does not compile here: every code has its texts. */
const messageOf = (code: PlatformErrorCode): ViewerMessage => ({
  ja: table.ja[`msg.${code}`],
  en: table.en[`msg.${code}`],
});

/** Every error code's message: the table's upper-case keys (the flows' own keys are not). */
export const MESSAGES = Object.fromEntries(
  Object.keys(table.ja).flatMap((entry) => {
    const code = /^msg\.([A-Z][A-Z_]*)$/.exec(entry)?.[1] as PlatformErrorCode | undefined;
    return code ? [[code, messageOf(code)]] : [];
  }),
) as Record<PlatformErrorCode, ViewerMessage>;
