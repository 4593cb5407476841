/**
 * 'booking-detail': one of the viewer's bookings with the facility's cancellation rule, and the
 * buttons 取り消す (CANCEL_BOOKING), スマートフォンに送る (SEND_TO_PHONE, the booking as the phone
 * shows it) and 戻る (BACK). With `confirmingCancel` a panel asks
 * "この予約を取り消しますか" with the rule again and the buttons 取り消す (CONFIRM) / やめる (BACK);
 * there the focus starts on やめる so a second OK pressed by habit does not cancel. Back is BACK.
 */
import { currentLanguage, t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { BookingDetailProps } from '../../view/booking-view';
import { apart, bookingDate, bookingLines, slotText } from '../booking-format';
import { spokenJoin } from '../../../../app/screens/content';
import { columnText, linesColumn, summaryColumn, summaryTemplate, SummaryScreen } from '../booking-summary';
import { roundedRect } from '../focus-grid';
import { bookingDetailStyles } from './BookingDetail.styles';
import { phoneItem } from '../../../../app/view/phone-send-view';

export class BookingDetail extends SummaryScreen<BookingDetailProps> {
  static override _template() {
    const s = bookingDetailStyles(theme());
    return summaryTemplate(s, {
      Details: summaryColumn(s, {
        Lines: linesColumn(s),
        RuleHeading: columnText(s, 'muted'),
        Rule: columnText(s, 'body'),
      }),
      Panel: {
        ...roundedRect(
          { x: s.panel.x, y: s.panel.y, w: s.panel.w, h: s.panel.h },
          s.panel.fill,
          s.panel.radius,
        ),
        Column: {
          x: s.panel.column.x - s.panel.x,
          y: s.panel.column.y - s.panel.y,
          w: s.panel.column.w,
          flex: { direction: 'column' },
          Question: columnText(s, 'heading', s.panel.column.w),
          What: columnText(s, 'body', s.panel.column.w),
          RuleHeading: columnText(s, 'muted', s.panel.column.w),
          Rule: columnText(s, 'body', s.panel.column.w),
        },
      },
    });
  }

  protected readonly backEvent = { type: 'BACK' };

  private rule(): string {
    return this.props.booking.rule[currentLanguage()];
  }

  /** "2026年12月3日（木） 朝 9:00〜12:00", then facility and room. */
  private what(): string {
    const { booking } = this.props;
    return apart(
      `${bookingDate(booking.date)} ${slotText(booking.slot)}`,
      `${booking.facilityName} ${booking.roomName}`,
    );
  }

  protected render(props: BookingDetailProps) {
    const s = bookingDetailStyles(theme());
    const confirming = props.confirmingCancel;
    this.showTitle(t('booking.title.detail'));
    this.tag('Details')?.patch({ visible: !confirming });
    this.showLines('Details.Lines', s, 'body', bookingLines(props.booking));
    this.showText('Details.RuleHeading', t('booking.ruleHeading'));
    this.showText('Details.Rule', this.rule());
    this.tag('Panel')?.patch({ visible: confirming });
    this.showText('Panel.Column.Question', t('booking.cancelQuestion'));
    this.showText('Panel.Column.What', this.what());
    this.showText('Panel.Column.RuleHeading', t('booking.ruleHeading'));
    this.showText('Panel.Column.Rule', this.rule());
    if (confirming) {
      // The focus starts on やめる: an OK pressed by habit must not cancel.
      this.showActions(
        s,
        [
          { label: t('booking.cancel'), event: { type: 'CONFIRM' } },
          { label: t('booking.keep'), event: { type: 'BACK' } },
        ],
        1,
      );
    } else {
      this.showActions(s, [
        { label: t('booking.cancel'), event: { type: 'CANCEL_BOOKING' } },
        {
          label: t('common.sendToPhone'),
          event: {
            type: 'SEND_TO_PHONE',
            item: phoneItem(
              'booking',
              t('booking.title.detail'),
              bookingLines(props.booking),
              t('common.moreOnTv'),
            ),
          },
        },
        { label: t('common.back'), event: { type: 'BACK' } },
      ]);
    }
  }

  announcement(): string {
    if (this.props.confirmingCancel) {
      return spokenJoin([t('booking.cancelQuestion'), this.what(), t('booking.ruleHeading'), this.rule()]);
    }
    return spokenJoin([
      t('booking.title.detail'),
      ...bookingLines(this.props.booking),
      t('booking.ruleHeading'),
      this.rule(),
    ]);
  }
}
