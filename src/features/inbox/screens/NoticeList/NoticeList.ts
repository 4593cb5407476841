/**
 * The viewer's notices, unread first, then newest: each row says unread (a ● and the word, never
 * colour alone) and the title, with the day it came and the sender on the right. OK opens the row,
 * Back goes home. With no notices, the message and one row back home.
 */
import { Menu, type MenuItem } from '../../../../app/components/Menu/Menu';
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { currentLanguage, message, t } from '../../../../app/i18n/i18n';
import { textAt } from '../../../../app/screens/content';
import { Screen } from '../../../../app/screens/Screen';
import { theme } from '../../../../app/theme/tokens';
import type { NoticeSummary } from '../../../../platform/types';
import type { NoticeListProps } from '../../view/inbox-view';
import { formatSentDate, gap, shortSentDate } from '../inbox-format';
import { noticeListStyles } from './NoticeList.styles';

export type { NoticeListProps };

/** The empty list's row back home; notice ids come from the platform and never take this form. */
const HOME_ROW = '#home';

/** The title in the viewer's language (the platform's English one when there is one). */
export const titleOf = (notice: { title: string; titleEn?: string }, language: string): string =>
  language === 'en' && notice.titleEn ? notice.titleEn : notice.title;
export const senderOf = (notice: NoticeSummary, language: string): string =>
  language === 'en' ? notice.sender.nameEn : notice.sender.name;

export class NoticeList extends Screen<NoticeListProps> {
  static override _template() {
    const s = noticeListStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      Hint: textAt(s.hint, s.fontFace, s.hint.w, true),
      Notice: textAt(s.notice, s.fontFace, s.notice.w, true),
      List: { type: Menu, x: s.menu.x, y: s.menu.y },
    };
  }

  private get list(): Menu {
    return this.tag('List') as Menu;
  }

  override _setup() {
    this.list.onSelect = (id) => this.send(id === HOME_ROW ? { type: 'BACK' } : { type: 'SELECT', id });
  }

  private row(notice: NoticeSummary): MenuItem {
    const language = currentLanguage();
    const sender = senderOf(notice, language);
    const date = formatSentDate(notice.sentAt);
    const mark = notice.read ? '' : t('inbox.list.unread');
    const title = titleOf(notice, language);
    return {
      id: notice.id,
      label: mark ? `${mark}${gap()}${title}` : title,
      // The day first: a long sender's name is what gets cut short at 特大, not the day.
      detail: `${shortSentDate(notice.sentAt)}${gap()}${sender}`,
      // Said after the title: read or not, from whom, when.
      spoken: [
        t(notice.read ? 'inbox.list.read' : 'inbox.list.unread')
          .replace('●', '')
          .trim(),
        sender,
        date,
      ].join(language === 'ja' ? '、' : ', '),
    };
  }

  protected render(props: NoticeListProps) {
    const s = noticeListStyles(theme());
    this.tag('Frame')?.patch({ frame: { title: t('inbox.title.list') } });
    const notice = props.loading ? t('inbox.loading') : props.empty ? message({ key: 'noticesEmpty' }) : '';
    this.tag('Notice')?.patch({ text: { text: notice } });
    this.tag('Hint')?.patch({
      visible: !props.loading && !props.empty,
      text: { text: t('inbox.list.hint') },
    });
    const rows: MenuItem[] = props.loading
      ? []
      : props.empty
        ? [{ id: HOME_ROW, label: t('inbox.list.home') }]
        : props.notices.map((row) => this.row(row));
    this.list.patch({ visible: rows.length > 0, y: props.empty ? s.emptyMenuY : s.menu.y });
    // A row is one line: a long title or sender may end in "..", since opening the notice shows
    // its title, sender and date whole.
    this.list.setItems(rows, {
      width: s.menu.w,
      visibleRows: props.empty ? 1 : s.menu.visibleRows,
      mayCut: ['label', 'detail'],
    });
    this._refocus();
  }

  override _getFocused() {
    return this.props && !this.props.loading ? this.list : this;
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }

  announcement(): string {
    if (!this.props || this.props.loading) return t('inbox.loading');
    if (this.props.empty) return `${message({ key: 'noticesEmpty' })}${t('inbox.list.spokenEmpty')}`;
    const unread = this.props.notices.filter((notice) => !notice.read).length;
    return t('inbox.list.spoken', { count: this.props.notices.length, unread });
  }
}
