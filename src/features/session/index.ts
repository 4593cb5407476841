/**
 * The session: card in or out, idle timeout, certificate notices, the home menu. Its screens and
 * strings are in the initial bundle (what a viewer meets first).
 */
import { strings } from '../../app/i18n/strings';
import table from './strings.json';

export const SessionScreen = {
  insertCard: 'insert-card',
  home: 'home',
  certificateNotice: 'certificate-notice',
} as const;

export const sessionStrings = strings(table);
