/**
 * 'home': the top of a logged-in session. The greeting with the viewer's name, then a menu of what
 * this box offers (only the operator's enabled services), help and log out. Back does nothing: home
 * is the top (log out is an item of its own).
 */
import { Menu, type MenuItem } from '../../../../app/components/Menu/Menu';
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { textBox } from '../../../../app/components/TextBox/TextBox';
import { t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import { Screen, type AppEvent } from '../../../../app/screens/Screen';
import { homeStyles } from './Home.styles';

export interface HomeProps {
  displayName: string;
  services: Array<'health' | 'booking'>;
  /** The e-post box's unread notices (absent when the platform did not say). */
  unread?: number;
  /** Logged in by the phone (no reader at hand): what signs with the card (住所変更) is not offered. */
  byPhone?: true;
}

type HomeItemId = 'inbox' | 'health' | 'booking' | 'myBookings' | 'moving' | 'companion' | 'help' | 'logout';

const ITEM_KEYS: Record<HomeItemId, string> = {
  inbox: 'home.inbox',
  health: 'home.health',
  booking: 'home.booking',
  myBookings: 'home.myBookings',
  moving: 'home.moving',
  companion: 'home.companion',
  help: 'home.help',
  logout: 'home.logout',
};

/** The menu's items, in order, for the enabled services (the e-post box is the platform's, always there). */
export const homeItems = (services: HomeProps['services'], byPhone = false): HomeItemId[] => [
  'inbox',
  ...(services.includes('health') ? (['health'] as const) : []),
  ...(services.includes('booking') ? (['booking', 'myBookings'] as const) : []),
  ...(byPhone ? [] : (['moving'] as const)),
  'companion',
  'help',
  'logout',
];

const EVENTS: Partial<Record<HomeItemId, AppEvent>> = {
  inbox: { type: 'OPEN', section: 'inbox' },
  health: { type: 'OPEN', section: 'health' },
  booking: { type: 'OPEN', section: 'booking' },
  myBookings: { type: 'OPEN', section: 'myBookings' },
  moving: { type: 'OPEN', section: 'moving' },
  companion: { type: 'OPEN', section: 'companion' },
  logout: { type: 'LOGOUT' },
};

export class Home extends Screen<HomeProps> {
  static override _template() {
    const s = homeStyles(theme());
    const line = (spec: { y: number; fontSize: number; lineHeight: number; color: number }) =>
      textBox({
        ...spec,
        x: s.content.x,
        w: s.content.w,
        fontFace: s.fontFace,
        wordBreak: true,
        maxLines: 1,
      });
    return {
      Frame: { type: ScreenFrame },
      Greeting: line(s.greeting),
      Hint: line(s.hint),
      Menu: { type: Menu, x: s.menu.x, y: s.menu.y },
    };
  }

  override _init() {
    const menu = this.tag('Menu') as unknown as Menu;
    menu.onSelect = (id) => this.select(id as HomeItemId);
  }

  protected render(props: HomeProps) {
    const s = homeStyles(theme());
    this.tag('Frame')?.patch({
      frame: { title: t('home.title') },
    });
    this.tag('Greeting')?.patch({ text: { text: t('home.greeting', { name: props.displayName }) } });
    this.tag('Hint')?.patch({ text: { text: t('home.choose') } });
    const items: MenuItem[] = homeItems(props.services, props.byPhone).map((id) => ({
      id,
      label: this.label(id),
    }));
    (this.tag('Menu') as unknown as Menu).setItems(items, {
      width: s.menu.w,
      visibleRows: s.menu.visibleRows(items.length),
    });
  }

  /** The e-post box's item says how many notices are unread (and nothing when it is not known). */
  private label(id: HomeItemId): string {
    const { unread } = this.props;
    if (id !== 'inbox' || unread === undefined) return t(ITEM_KEYS[id]);
    return t(unread > 0 ? 'home.inboxUnread' : 'home.inboxNone', { count: unread });
  }

  private select(id: HomeItemId) {
    if (id === 'help') {
      this.fireAncestors('$openHelp');
      return;
    }
    const event = EVENTS[id];
    if (event) this.send(event);
  }

  announcement(): string {
    return `${t('home.greeting', { name: this.props.displayName })}。${t('home.choose')}`;
  }

  override _getFocused() {
    return this.tag('Menu') as unknown as Menu;
  }

  /** Home is the top: Back stays here. */
  override _handleBack() {
    return true;
  }
}
