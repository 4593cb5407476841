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
}

type HomeItemId = 'health' | 'booking' | 'myBookings' | 'moving' | 'help' | 'logout';

const ITEM_KEYS: Record<HomeItemId, string> = {
  health: 'home.health',
  booking: 'home.booking',
  myBookings: 'home.myBookings',
  moving: 'home.moving',
  help: 'home.help',
  logout: 'home.logout',
};

/** The menu's items, in order, for the enabled services. */
export const homeItems = (services: HomeProps['services']): HomeItemId[] => [
  ...(services.includes('health') ? (['health'] as const) : []),
  ...(services.includes('booking') ? (['booking', 'myBookings'] as const) : []),
  'moving',
  'help',
  'logout',
];

const EVENTS: Partial<Record<HomeItemId, AppEvent>> = {
  health: { type: 'OPEN', section: 'health' },
  booking: { type: 'OPEN', section: 'booking' },
  myBookings: { type: 'OPEN', section: 'myBookings' },
  moving: { type: 'OPEN', section: 'moving' },
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
    const items: MenuItem[] = homeItems(props.services).map((id) => ({ id, label: t(ITEM_KEYS[id]) }));
    (this.tag('Menu') as unknown as Menu).setItems(items, {
      width: s.menu.w,
      visibleRows: s.menu.visibleRows(items.length),
    });
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
