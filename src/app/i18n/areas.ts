/**
 * The strings of the initial bundle: the shell's own (translations/), the flows' and platform
 * errors' messages (src/machines/messages.json) and those of the features a viewer meets first
 * (session, login), as their index.ts declares them; a new feature in the
 * initial bundle adds its strings here. The features loaded on demand (registration, health,
 * booking) bring theirs with their chunk: screens/families.ts.
 */
import { loginStrings } from '../../features/login';
import { sessionStrings } from '../../features/session';
import messages from '../../machines/messages.json';
import { strings, type Translations } from './strings';
import common from './translations/common.json';
import shell from './translations/shell.json';

export const AREAS: readonly Translations[] = [
  strings(common),
  strings(shell),
  strings(messages),
  sessionStrings,
  loginStrings,
];
