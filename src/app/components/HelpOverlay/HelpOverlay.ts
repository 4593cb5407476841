/**
 * The help over everything (Red key, or ヘルプ on the home menu): how to use the remote, about the
 * card (chip up; never tell anyone the PIN; 3 wrong tries lock it, the city office unlocks it), and
 * the operator's phone and hours. OK or Back closes it (`$closeHelp`).
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
      Card: column(s.columns.x + s.columns.w + s.columns.gap),
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

  /** Re-reads the texts (after a language switch). */
  paint(): void {
    const s = helpOverlayStyles(theme());
    const column = (headingKey: string, keys: string[]) => [
      paragraph(s.heading, s.fontFace, s.columns.w, t(headingKey)),
      ...keys.map((key) => paragraph(s.line, s.fontFace, s.columns.w, t(key))),
    ];
    this.tag('Title')?.patch({ text: { text: t('help.title') } });
    this.tag('Close')?.patch({ text: { text: t('help.close') } });
    this.tag('Remote')?.patch({ children: column('help.remoteHeading', REMOTE_KEYS) });
    this.tag('Card')?.patch({ children: column('help.cardHeading', CARD_KEYS) });
    const contact = operatorContact();
    this.tag('Contact')?.patch({
      children: [
        // The block sits on the safe area's bottom: its last line takes no margin back.
        paragraph(contact.hours ? s.line : { ...s.line, gapAfter: 0 }, s.fontFace, s.contentW, contact.line),
        ...(contact.hours
          ? [paragraph({ ...s.line, gapAfter: 0 }, s.fontFace, s.contentW, contact.hours)]
          : []),
      ],
    });
  }

  /** Shows the help with fresh texts (the language or operator may have changed). */
  open(): void {
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
