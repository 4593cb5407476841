/**
 * The translation files of the screen families; each family adds its own file here.
 * Each file is `{ "ja": { key: text }, "en": { key: text } }` with keys prefixed by the area.
 */
import type { Dictionary, LanguageCode } from './i18n';
import booking from './translations/booking.json';
import health from './translations/health.json';
import home from './translations/home.json';
import login from './translations/login.json';
import session from './translations/session.json';
import shell from './translations/shell.json';

export const AREAS: ReadonlyArray<Record<LanguageCode, Dictionary>> = [
  shell,
  session,
  home,
  health,
  login,
  booking,
];
