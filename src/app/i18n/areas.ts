/**
 * The translation files of the screen families in the initial bundle; each family adds its own file
 * here. The families loaded on demand (registration, health, booking) bring theirs:
 * screens/families.ts.
 * Each file is `{ "ja": { key: text }, "en": { key: text } }` with keys prefixed by the area.
 */
import type { Dictionary, LanguageCode } from './i18n';
import home from './translations/home.json';
import login from './translations/login.json';
import session from './translations/session.json';
import shell from './translations/shell.json';

export const AREAS: ReadonlyArray<Record<LanguageCode, Dictionary>> = [shell, session, home, login];
