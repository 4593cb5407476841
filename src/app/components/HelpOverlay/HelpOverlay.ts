/**
 * The help over everything (Red key, or ヘルプ on the home menu): how to use the remote, about the
 * card (chip up; never tell anyone the PIN; 3 wrong tries lock it, the city office unlocks it), and
 * the operator's phone and hours. OK or Back closes it (`$closeHelp`). At 特大 it has two pages
 * (the remote | the card and the contact): → and ↓ turn to the second, ← and ↑ back.
 */
import { Lightning } from '@lightningjs/sdk';
import { t } from '../../i18n/i18n';
import { operatorContact } from '../../screens/Message/Message';
import { paragraph } from '../../theme/paragraph';
import { theme } from '../../theme/tokens';
import { helpOverlayStyles } from './HelpOverlay.styles';

const REMOTE_KEYS = [
  'help.arrows',
  'help.ok',
  'help.back',
  'help.numbers',
  'help.red',
  'help.green',
  'help.yellow',
  'help.blue',
];
const CARD_KEYS = ['help.cardInsert', 'help.cardPin', 'help.cardLock'];

export class HelpOverlay extends Lightning.Component {
  static override _template() {
    const s = helpOverlayStyles(theme());
    const column = (x: number) => ({ x, y: s.columns.y, w: s.columns.w, flex: { direction: 'column' } });
    return {
      Background: { rect: true, ...s.background },
      Title: { x: s.title.x, y: s.title.y, ...paragraph(s.title, s.fontFace, s.title.w / 2) },
      Remote: column(s.columns.x),
      Card: column(s.cardX),
      // How to close, top right, so the viewer sees it first.
      Close: {
        x: s.left + s.contentW,
        y: s.title.y + s.title.lineHeight - s.line.lineHeight,
        mountX: 1,
        text: {
          text: '',
          fontFace: s.fontFace,
          fontSize: s.line.fontSize,
          lineHeight: s.line.lineHeight,
          textColor: s.line.color,
        },
      },
      Contact: { x: s.left, y: s.bottom, mountY: 1, w: s.contentW, flex: { direction: 'column' } },
    };
  }

  override _init() {
    this.paint();
  }

  /** The page shown when the help is paged (特大): 0 the remote, 1 the card and the contact. */
  private page = 0;

  /** Re-reads the texts (after a language switch). */
  paint(): void {
    const s = helpOverlayStyles(theme());
    const column = (headingKey: string, keys: string[]) => [
      paragraph(s.heading, s.fontFace, s.columns.w, t(headingKey)),
      ...keys.map((key) => paragraph(s.line, s.fontFace, s.columns.w, t(key))),
    ];
    const pages = s.paged ? 2 : 1;
    const title = t('help.title') + (s.paged ? t('help.page', { page: this.page + 1, pages }) : '');
    this.tag('Title')?.patch({ text: { text: title } });
    // On the second page the way back shares the closing line: the contact needs the bottom.
    const close = s.paged && this.page === 1 ? 'help.closeOrPrevious' : 'help.close';
    this.tag('Close')?.patch({ text: { text: t(close) } });
    this.tag('Remote')?.patch({
      visible: !s.paged || this.page === 0,
      children: column('help.remoteHeading', REMOTE_KEYS),
    });
    this.tag('Card')?.patch({
      visible: !s.paged || this.page === 1,
      children: column('help.cardHeading', CARD_KEYS),
    });
    this.tag('Contact')?.patch({ children: this.bottomLines(s) });
  }

  /** The operator's contact at the bottom; on the first of two pages, the way to the second. */
  private bottomLines(s: ReturnType<typeof helpOverlayStyles>) {
    // The block sits on the safe area's bottom: its last line takes no margin back.
    const lines = (texts: string[]) =>
      texts.map((text, i) =>
        paragraph(i === texts.length - 1 ? { ...s.line, gapAfter: 0 } : s.line, s.fontFace, s.contentW, text),
      );
    const contact = operatorContact();
    const contactLines = [contact.line, ...(contact.hours ? [contact.hours] : [])];
    if (!s.paged) return lines(contactLines);
    return lines(this.page === 0 ? [t('help.nextPage')] : contactLines);
  }

  private turnTo(page: number): boolean {
    if (!helpOverlayStyles(theme()).paged || page === this.page) return true;
    this.page = page;
    this.paint();
    this.fireAncestors('$announce', this.pageAnnouncement());
    return true;
  }

  override _handleRight() {
    return this.turnTo(1);
  }

  override _handleDown() {
    return this.turnTo(1);
  }

  override _handleLeft() {
    return this.turnTo(0);
  }

  override _handleUp() {
    return this.turnTo(0);
  }

  /** What the voice reads on turning a page: the page's own lines. */
  private pageAnnouncement(): string {
    const contact = operatorContact();
    const lines =
      this.page === 0
        ? [t('help.remoteHeading'), ...REMOTE_KEYS.map((key) => t(key)), t('help.nextPage')]
        : [t('help.cardHeading'), ...CARD_KEYS.map((key) => t(key)), contact.line, contact.hours];
    return [...lines, t(this.page === 0 ? 'help.close' : 'help.closeOrPrevious')].filter(Boolean).join('\n');
  }

  /** Shows the help with fresh texts (the language or operator may have changed). */
  open(page = 1): void {
    this.page = helpOverlayStyles(theme()).paged ? Math.min(Math.max(page, 1), 2) - 1 : 0;
    this.paint();
    this.patch({ visible: true });
  }

  close(): void {
    this.patch({ visible: false });
  }

  /** After a language switch. */
  refresh(): void {
    this.paint();
  }

  /** What the voice reads when help opens: everything on it, in order. */
  announcement(): string {
    const contact = operatorContact();
    return [
      t('help.title'),
      t('help.remoteHeading'),
      ...REMOTE_KEYS.map((key) => t(key)),
      t('help.cardHeading'),
      ...CARD_KEYS.map((key) => t(key)),
      contact.line,
      contact.hours,
      t('help.close'),
    ]
      .filter(Boolean)
      .join('\n');
  }

  override _handleEnter() {
    this.fireAncestors('$closeHelp');
    return true;
  }

  override _handleBack() {
    this.fireAncestors('$closeHelp');
    return true;
  }
}
