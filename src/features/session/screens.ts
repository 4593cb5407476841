/** The session's screens, by screen id, for the initial bundle (registry.ts). */
import type { ScreenClass } from '../../app/screens/Screen';
import { SessionScreen } from './index';
import { CertificateNotice } from './screens/CertificateNotice/CertificateNotice';
import { Home } from './screens/Home/Home';
import { InsertCard } from './screens/InsertCard/InsertCard';

export const sessionScreens: Record<string, ScreenClass> = {
  [SessionScreen.insertCard]: InsertCard as unknown as ScreenClass,
  [SessionScreen.home]: Home as unknown as ScreenClass,
  [SessionScreen.certificateNotice]: CertificateNotice as unknown as ScreenClass,
};
