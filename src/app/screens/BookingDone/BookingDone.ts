/**
 * 'booking-done': the booking is made. The booking number in large type, then the booking, and
 * the buttons ホームへ (OK) and 予約の確認 (MY_BOOKINGS). Back is OK.
 */
import { ScreenFrame } from '../../components/ScreenFrame/ScreenFrame';
import { currentLanguage, t } from '../../i18n/i18n';
import { settings } from '../../settings/settings';
import { theme } from '../../theme/tokens';
import type { BookingDoneProps } from '../../view/booking-view';
import { bookingLines, labelled, spoken } from '../booking-format';
import { buttonsOf, columnText, linesOf } from '../booking-summary';
import { Screen } from '../Screen';
import { bookingDoneStyles } from './BookingDone.styles';

export class BookingDone extends Screen<BookingDoneProps> {
  static readonly screenName = 'booking-done';

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
      Buttons: { x: s.buttons.x, y: s.buttons.y, flex: { direction: 'row' } },
    };
  }

  private focusIndex = 0;

  protected render(props: BookingDoneProps) {
    const s = bookingDoneStyles(theme());
    this.tag('Frame')?.patch({
      frame: { title: t('booking.title.done'), operator: settings().operator.name[currentLanguage()] },
    });
    this.tag('Column.Body')?.patch({ text: { text: t('booking.doneBody') } });
    this.tag('Column.Number')?.patch({ text: { text: labelled('booking.label.number', props.booking.id) } });
    this.tag('Column.Lines')?.patch({ children: linesOf(s, 'body', bookingLines(props.booking, false)) });
    this.tag('Buttons')?.patch({
      children: buttonsOf(s, [
        { label: t('booking.home'), onPress: () => this.send({ type: 'OK' }) },
        { label: t('booking.seeBookings'), onPress: () => this.send({ type: 'MY_BOOKINGS' }) },
      ]),
    });
    this.focusIndex = 0;
    if (this.attached) this._refocus();
  }

  announcement(): string {
    return spoken([t('booking.title.done'), t('booking.doneBody'), ...bookingLines(this.props.booking)]);
  }

  override _getFocused() {
    return this.tag('Buttons')?.children[this.focusIndex] ?? this;
  }

  private move(delta: number) {
    const next = this.focusIndex + delta;
    if (next >= 0 && next < (this.tag('Buttons')?.children.length ?? 0)) {
      this.focusIndex = next;
      this._refocus();
    }
    return true;
  }

  override _handleLeft() {
    return this.move(-1);
  }

  override _handleRight() {
    return this.move(1);
  }

  override _handleBack() {
    this.send({ type: 'OK' });
    return true;
  }
}
