/** The shell's own screens, by screen id (see registry.ts): every feature shows these. */
import { ShellScreen } from './ids';
import { Message } from './Message/Message';
import type { ScreenClass } from './Screen';
import { Status } from './Status/Status';

export const commonScreens: Record<string, ScreenClass> = {
  [ShellScreen.message]: Message as unknown as ScreenClass,
  [ShellScreen.status]: Status as unknown as ScreenClass,
};
