/**
 * One notice in large type, a page at a time: ↓/→ (or OK) the next page, ↑/← the previous (PAGE to
 * the flow, which keeps the page), with "1/3" beside the sender and the day. While the page has the focus, a ring is drawn round it;
 * past the last page the focus goes down to the buttons (the notice's action, keep, delete), and
 * ↑ takes it back. Each page is spoken as it shows; Back returns to the list.
 */
import { phoneItem } from '../../../../app/view/phone-send-view';
import { ButtonRow } from '../../../../app/components/ButtonRow/ButtonRow';
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { currentLanguage, message, t, withWarningIcon } from '../../../../app/i18n/i18n';
import { lookText } from '../../../../app/screens/content';
import { Screen, type AppEvent } from '../../../../app/screens/Screen';
import { theme } from '../../../../app/theme/tokens';
import type { Notice } from '../../../../platform/types';
import type { NoticeDetailProps } from '../../view/inbox-view';
import { canvasMeasure } from '../../../../app/theme/measure';
import { formatSentDate, gap, pagesOf, wrapLines } from '../inbox-format';
import { senderOf, titleOf } from '../NoticeList/NoticeList';
import { noticeDetailStyles } from './NoticeDetail.styles';

export type { NoticeDetailProps };

type Styles = ReturnType<typeof noticeDetailStyles>;
type Look = Styles['body'];

const textOf = (look: Look, fontFace: string, width: number, maxLines?: number) => ({
  text: lookText(fontFace, look, width, { wordBreak: true, ...(maxLines === undefined ? {} : { maxLines }) }),
});

const bodyOf = (notice: Notice): string =>
  currentLanguage() === 'en' && notice.bodyEn ? notice.bodyEn : notice.body;

const ACTION_LABEL = { health: 'inbox.notice.openHealth', booking: 'inbox.notice.openBooking' } as const;

export class NoticeDetail extends Screen<NoticeDetailProps> {
  static override _template() {
    const s = noticeDetailStyles(theme());
    const { x, w } = s.content;
    return {
      Frame: { type: ScreenFrame },
      Title: { x, ...textOf(s.title, s.fontFace, w, s.title.maxLines) },
      Meta: { x, ...textOf(s.meta, s.fontFace, s.metaW, 2) },
      Page: { x: x + w, mountX: 1, ...textOf(s.meta, s.fontFace, s.pageW, 1) },
      Ring: { x, w, rect: true, color: s.ring.color, alpha: 0, Inner: { rect: true } },
      Body: { x: x + s.ring.pad, ...textOf(s.body, s.fontFace, w - 2 * s.ring.pad) },
      Note: { x, ...textOf(s.note, s.fontFace, w) },
      Buttons: { type: ButtonRow, x: s.buttons.x, y: s.buttons.y },
    };
  }

  private pages: string[][] = [[]];
  private page = 0;
  private zone: 'page' | 'buttons' = 'page';
  private shownId: string | undefined;
  /** The page last said, so a turn is said once (the first is in the announcement). */
  private spokenPage = 0;

  protected render(props: NoticeDetailProps) {
    const s = noticeDetailStyles(theme());
    const notice = props.loading ? undefined : props.notice;
    this.tag('Frame')?.patch({ frame: { title: t('inbox.title.list') } });
    if (notice?.id !== this.shownId) {
      this.shownId = notice?.id;
      this.zone = 'page';
      this.spokenPage = props.page;
    }
    const { y, w } = s.content;
    const wide = (look: Look) => canvasMeasure(look.fontSize, s.fontFace);
    const title = notice ? titleOf(notice, currentLanguage()) : t('inbox.loading');
    const titleLines = Math.min(s.title.maxLines, wrapLines(title, w, wide(s.title)).length);
    const metaY = y + s.advance(s.title.fontSize, titleLines) + s.gap;
    const meta = notice ? this.metaText(notice) : '';
    // A long sender (in English at 特大) takes a second line rather than be cut short.
    const metaLines = Math.min(2, wrapLines(meta, s.metaW, wide(s.meta)).length);
    const bodyY = metaY + s.advance(s.meta.fontSize, metaLines) + s.gap;
    const note = this.noteText(props);
    const noteLines = note ? wrapLines(note, w, wide(s.note)).length : 0;
    const noteY = s.buttons.y - s.gap - (noteLines ? s.height(s.note.fontSize, noteLines) : 0);
    const bodyBottom = (noteLines ? noteY : s.buttons.y - s.ring.width) - s.gap;
    // The lines that fit between the meta line and the note (or the buttons), inside the ring.
    const room = bodyBottom - bodyY - 2 * s.ring.pad;
    const perPage = Math.max(1, Math.floor(room / s.body.lineHeight));
    const lines = notice ? wrapLines(bodyOf(notice), w - 2 * s.ring.pad, wide(s.body)) : [];
    this.pages = pagesOf(lines, perPage);
    // A larger text size may leave fewer pages than the one the flow kept.
    this.page = Math.min(props.page, this.pages.length - 1);
    if (this.pages.length === 1 && notice) this.zone = 'buttons';
    const ringH = s.advance(s.body.fontSize, perPage) + 2 * s.ring.pad;
    this.tag('Title')?.patch({ y, text: { text: title } });
    this.tag('Meta')?.patch({ y: metaY, text: { text: meta } });
    this.tag('Page')?.patch({ y: metaY });
    this.tag('Ring')?.patch({
      y: bodyY,
      h: ringH,
      Inner: {
        x: s.ring.width,
        y: s.ring.width,
        w: w - 2 * s.ring.width,
        h: ringH - 2 * s.ring.width,
        color: theme().colors.background,
      },
    });
    this.tag('Body')?.patch({ y: bodyY + s.ring.pad });
    this.tag('Note')?.patch({ y: noteY, visible: noteLines > 0, text: { text: note } });
    this.tag('Buttons')?.patch({
      visible: notice !== undefined,
      content: { gap: s.buttons.gap, buttons: notice ? this.buttons(notice) : [] },
    });
    this.showPage();
    if (notice && this.page !== this.spokenPage) {
      this.spokenPage = this.page;
      this.announce(this.pageSpoken());
    }
  }

  private noteText(props: NoticeDetailProps): string {
    if (props.saving) return t('inbox.notice.saving');
    return props.readNotRecorded ? withWarningIcon(message({ key: 'noticeReadNotRecorded' })) : '';
  }

  private metaText(notice: Notice): string {
    const sender = senderOf(notice, currentLanguage());
    const kept = notice.kept ? [t('inbox.notice.kept')] : [];
    return [sender, formatSentDate(notice.sentAt), ...kept].join(gap());
  }

  private buttons(notice: Notice) {
    const button = (labelKey: string, event: AppEvent) => ({
      label: t(labelKey),
      onPress: () => this.send(event),
    });
    return [
      ...(notice.action ? [button(ACTION_LABEL[notice.action.kind], { type: 'ACTION' })] : []),
      button(notice.kept ? 'inbox.notice.unkeep' : 'inbox.notice.keep', { type: 'KEEP' }),
      button('inbox.notice.delete', { type: 'DELETE' }),
      button('common.sendToPhone', {
        type: 'SEND_TO_PHONE',
        // The whole text (not the page on screen), as text, under the sender and the date.
        item: phoneItem(
          'notice',
          titleOf(notice, currentLanguage()),
          [this.metaText(notice), '', ...bodyOf(notice).split('\n')],
          t('common.moreOnTv'),
        ),
      }),
    ];
  }

  private showPage() {
    const pages = this.pages.length;
    this.tag('Body')?.patch({ text: { text: this.pages[this.page]!.join('\n') } });
    this.tag('Page')?.patch({
      text: { text: pages > 1 ? t('inbox.notice.page', { page: this.page + 1, pages }) : '' },
    });
    this.tag('Ring')?.patch({ alpha: this.zone === 'page' && this.props.notice ? 1 : 0 });
    this._refocus();
  }

  /** What is said of the page now showing: where it is, its text, and the buttons on the last. */
  private pageSpoken(): string {
    const pages = this.pages.length;
    const place = pages > 1 ? t('inbox.notice.pageSpoken', { page: this.page + 1, pages }) : '';
    const last = this.page === pages - 1 ? t('inbox.notice.buttonsSpoken') : '';
    return [place, this.pages[this.page]!.join(''), last].filter(Boolean).join('\n');
  }

  private turn(delta: 1 | -1): boolean {
    if (!this.props?.notice || this.props.loading) return true;
    const next = this.page + delta;
    if (this.zone === 'buttons') {
      if (delta < 0 && this.pages.length > 1) this.zone = 'page';
    } else if (next >= this.pages.length) {
      this.zone = 'buttons';
    } else if (next >= 0) {
      this.send({ type: 'PAGE', page: next });
      return true;
    }
    this.showPage();
    return true;
  }

  override _handleDown() {
    return this.turn(1);
  }
  override _handleRight() {
    return this.turn(1);
  }
  override _handleEnter() {
    return this.turn(1);
  }
  override _handleUp() {
    return this.turn(-1);
  }
  override _handleLeft() {
    return this.turn(-1);
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }

  override _getFocused() {
    return this.zone === 'buttons' && this.props?.notice && !this.props.loading
      ? (this.tag('Buttons') as unknown as ButtonRow)
      : this;
  }

  announcement(): string {
    const notice = this.props?.notice;
    if (!notice || this.props.loading) return t('inbox.loading');
    const sender = senderOf(notice, currentLanguage());
    const head = t('inbox.notice.spoken', {
      sender,
      date: formatSentDate(notice.sentAt),
      title: titleOf(notice, currentLanguage()),
    });
    const note = this.noteText(this.props);
    return [head, note, this.pageSpoken()].filter(Boolean).join('\n');
  }
}
