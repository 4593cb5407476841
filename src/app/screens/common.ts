/** The common screens, by registry name (see registry.ts). */
import type { ScreenClass } from './Screen';
import { CertificateNotice } from './CertificateNotice/CertificateNotice';
import { Home } from './Home/Home';
import { Message } from './Message/Message';
import { Status } from './Status/Status';

export const commonScreens: Record<string, ScreenClass> = {
  message: Message as unknown as ScreenClass,
  status: Status as unknown as ScreenClass,
  home: Home as unknown as ScreenClass,
  'certificate-notice': CertificateNotice as unknown as ScreenClass,
};
