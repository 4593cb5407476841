/**
 * 'booking-done': the booking is made. The booking number in large type, then the booking, and
 * the buttons ホームへ (OK), 予約の確認 (MY_BOOKINGS) and スマートフォンに送る (SEND_TO_PHONE, the
 * screen's text as the phone shows it). Back is OK.
 */
import { t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { BookingDoneProps } from '../../view/booking-view';
import { bookingLines } from '../booking-format';
import { labelled, spokenJoin } from '../../../../app/screens/content';
import { columnText, linesColumn, summaryColumn, summaryTemplate, SummaryScreen } from '../booking-summary';
import { bookingDoneStyles } from './BookingDone.styles';
import { phoneItem } from '../../../../app/view/phone-send-view';

export class BookingDone extends SummaryScreen<BookingDoneProps> {
  static override _template() {
    const s = bookingDoneStyles(theme());
    return summaryTemplate(s, {
      Column: summaryColumn(s, {
        Body: columnText(s, 'body'),
        Number: columnText(s, 'heading'),
        Lines: linesColumn(s),
      }),
    });
  }

  /** The booking is made: Back goes home, as ホームへ does. */
  protected readonly backEvent = { type: 'OK' };

  protected render(props: BookingDoneProps) {
    const s = bookingDoneStyles(theme());
    this.showTitle(t('booking.title.done'));
    this.showText('Column.Body', t('booking.doneBody'));
    this.showText('Column.Number', labelled('booking.label.number', props.booking.id));
    this.showLines('Column.Lines', s, 'body', bookingLines(props.booking, false));
    this.showActions(s, [
      { label: t('booking.home'), event: { type: 'OK' } },
      { label: t('booking.seeBookings'), event: { type: 'MY_BOOKINGS' } },
      {
        label: t('common.sendToPhone'),
        // The phone gets the text this screen shows, as text.
        event: {
          type: 'SEND_TO_PHONE',
          item: phoneItem(
            'booking',
            t('booking.title.done'),
            bookingLines(props.booking),
            t('common.moreOnTv'),
          ),
        },
      },
    ]);
  }

  announcement(): string {
    return spokenJoin([t('booking.title.done'), t('booking.doneBody'), ...bookingLines(this.props.booking)]);
  }
}
