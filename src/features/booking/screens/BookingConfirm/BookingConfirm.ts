/**
 * 'booking-confirm': what is about to be booked, in large type (facility, room, date, time, fee),
 * and the buttons 予約する (CONFIRM) and 戻る (BACK). Back also goes back.
 */
import { t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { BookingConfirmProps } from '../../view/booking-view';
import { bookingDate, feeText, slotText } from '../booking-format';
import { labelled, spokenJoin } from '../../../../app/screens/content';
import { columnText, linesColumn, summaryColumn, summaryTemplate, SummaryScreen } from '../booking-summary';
import { bookingConfirmStyles } from './BookingConfirm.styles';

const summaryLines = (props: BookingConfirmProps): string[] => [
  labelled('booking.label.facility', props.facilityName),
  labelled('booking.label.room', props.roomName),
  labelled('booking.label.date', bookingDate(props.date)),
  labelled('booking.label.time', slotText(props.slot)),
  ...(props.feeYen !== undefined ? [labelled('booking.label.fee', feeText(props.feeYen))] : []),
];

export class BookingConfirm extends SummaryScreen<BookingConfirmProps> {
  static override _template() {
    const s = bookingConfirmStyles(theme());
    return summaryTemplate(s, {
      Column: summaryColumn(s, {
        Question: columnText(s, 'body'),
        Lines: linesColumn(s),
      }),
    });
  }

  protected readonly backEvent = { type: 'BACK' };

  protected render(props: BookingConfirmProps) {
    const s = bookingConfirmStyles(theme());
    this.showTitle(t('booking.title.confirm'));
    this.showText('Column.Question', t('booking.confirmQuestion'));
    this.showLines('Column.Lines', s, 'heading', summaryLines(props));
    this.showActions(s, [
      { label: t('booking.book'), event: { type: 'CONFIRM' } },
      { label: t('common.back'), event: { type: 'BACK' } },
    ]);
  }

  announcement(): string {
    return spokenJoin([
      t('booking.title.confirm'),
      ...summaryLines(this.props),
      t('booking.confirmQuestion'),
    ]);
  }
}
