/**
 * Login with the card's auth PIN: no screens of its own (the PIN is typed on secret-entry's
 * keypad, results show on the shell's message and status screens), only its flow and strings,
 * in the initial bundle.
 */
import { strings } from '../../app/i18n/strings';
import table from './strings.json';

export const loginStrings = strings(table);
