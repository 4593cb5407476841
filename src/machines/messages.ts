/**
 * What the viewer reads (and hears) in the flows and about the platform's errors, in Japanese (the
 * TV) and English (logs, support, the English UI): one table keyed by language, messages.json, in
 * the shape of every other translation area (`msg.<key>`), so the app's one i18n runtime serves it
 * with the screens' strings (src/app/i18n). The keys are what the machines put in their context; a
 * platform error code is its own key, and the SDK reads its wording from the same table
 * (src/platform/messages.ts), so the same problem reads the same everywhere. These helpers read
 * the table outside the running app (tests, tools); `{name}` placeholders are filled by
 * formatMessage.
 */
import {
  MESSAGES as PLATFORM_MESSAGES,
  type PlatformErrorCode,
  type ViewerMessage,
} from '../platform/messages';
import table from './messages.json';

type TableKey = keyof typeof table.ja;
/** A key of the table: a flow's message or an SDK error code. */
export type MessageKey = TableKey extends `msg.${infer Key}` ? Key : never;
export type FlowMessageKey = Exclude<MessageKey, PlatformErrorCode>;
export type MessageParams = Record<string, string | number>;
export type Language = 'ja' | 'en';

export function messageFor(key: MessageKey): ViewerMessage {
  return { ja: table.ja[`msg.${key}`], en: table.en[`msg.${key}`] };
}

/** The flows' own messages (not the platform codes'), both languages side by side. */
export const FLOW_MESSAGES = Object.fromEntries(
  Object.keys(table.ja)
    .map((entry) => entry.slice('msg.'.length) as MessageKey)
    .filter((key) => !(key in PLATFORM_MESSAGES))
    .map((key) => [key, messageFor(key)]),
) as Record<FlowMessageKey, ViewerMessage>;

/** The message in one language with its `{placeholders}` filled (unknown ones are left as they are). */
export function formatMessage(key: MessageKey, language: Language, params: MessageParams = {}): string {
  return messageFor(key)[language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export type { ViewerMessage };
