/**
 * 'booking-done': the booking is made. The booking number in large type, then the booking, and
 * the buttons ホームへ (OK) and 予約の確認 (MY_BOOKINGS). Back is OK.
 */
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { BookingDoneProps } from '../../view/booking-view';
import { bookingLines, labelled, spoken } from '../booking-format';
import { ButtonRow } from '../../../../app/components/ButtonRow/ButtonRow';
import { columnText, linesOf } from '../booking-summary';
import { Screen } from '../../../../app/screens/Screen';
import { bookingDoneStyles } from './BookingDone.styles';
import { BookingScreen } from '../../index';

export class BookingDone extends Screen<BookingDoneProps> {
  static readonly screenName = BookingScreen.bookingDone;

  static override _template() {
    const s = bookingDoneStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      Column: {
        x: s.column.x,
        y: s.column.y,
        w: s.column.w,
        flex: { direction: 'column' },
        Body: columnText(s, 'body'),
        Number: columnText(s, 'heading'),
        Lines: { w: s.column.w, flex: { direction: 'column' } },
      },
      Buttons: { type: ButtonRow, x: s.buttons.x, y: s.buttons.y },
    };
  }

  protected render(props: BookingDoneProps) {
    const s = bookingDoneStyles(theme());
    this.tag('Frame')?.patch({
      frame: { title: t('booking.title.done') },
    });
    this.tag('Column.Body')?.patch({ text: { text: t('booking.doneBody') } });
    this.tag('Column.Number')?.patch({ text: { text: labelled('booking.label.number', props.booking.id) } });
    this.tag('Column.Lines')?.patch({ children: linesOf(s, 'body', bookingLines(props.booking, false)) });
    this.tag('Buttons')?.patch({
      content: {
        gap: s.buttons.gap,
        buttons: [
          { label: t('booking.home'), onPress: () => this.send({ type: 'OK' }) },
          { label: t('booking.seeBookings'), onPress: () => this.send({ type: 'MY_BOOKINGS' }) },
        ],
      },
    });
  }

  announcement(): string {
    return spoken([t('booking.title.done'), t('booking.doneBody'), ...bookingLines(this.props.booking)]);
  }

  override _getFocused() {
    return this.tag('Buttons') as unknown as ButtonRow;
  }

  override _handleBack() {
    this.send({ type: 'OK' });
    return true;
  }
}
