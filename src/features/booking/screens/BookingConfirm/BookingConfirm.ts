/**
 * 'booking-confirm': what is about to be booked, in large type (facility, room, date, time, fee),
 * and the buttons 予約する (CONFIRM) and 戻る (BACK). Back also goes back.
 */
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { BookingConfirmProps } from '../../view/booking-view';
import { bookingDate, feeText, labelled, slotText, spoken } from '../booking-format';
import { ButtonRow } from '../../../../app/components/ButtonRow/ButtonRow';
import { columnText, linesOf } from '../booking-summary';
import { Screen } from '../../../../app/screens/Screen';
import { bookingConfirmStyles } from './BookingConfirm.styles';
import { BookingScreen } from '../../index';

const summaryLines = (props: BookingConfirmProps): string[] => [
  labelled('booking.label.facility', props.facilityName),
  labelled('booking.label.room', props.roomName),
  labelled('booking.label.date', bookingDate(props.date)),
  labelled('booking.label.time', slotText(props.slot)),
  ...(props.feeYen !== undefined ? [labelled('booking.label.fee', feeText(props.feeYen))] : []),
];

export class BookingConfirm extends Screen<BookingConfirmProps> {
  static readonly screenName = BookingScreen.bookingConfirm;

  static override _template() {
    const s = bookingConfirmStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      Column: {
        x: s.column.x,
        y: s.column.y,
        w: s.column.w,
        flex: { direction: 'column' },
        Question: columnText(s, 'body'),
        Lines: { w: s.column.w, flex: { direction: 'column' } },
      },
      Buttons: { type: ButtonRow, x: s.buttons.x, y: s.buttons.y },
    };
  }

  protected render(props: BookingConfirmProps) {
    const s = bookingConfirmStyles(theme());
    this.tag('Frame')?.patch({
      frame: { title: t('booking.title.confirm') },
    });
    this.tag('Column.Question')?.patch({ text: { text: t('booking.confirmQuestion') } });
    this.tag('Column.Lines')?.patch({ children: linesOf(s, 'heading', summaryLines(props)) });
    this.tag('Buttons')?.patch({
      content: {
        gap: s.buttons.gap,
        buttons: [
          { label: t('booking.book'), onPress: () => this.send({ type: 'CONFIRM' }) },
          { label: t('common.back'), onPress: () => this.send({ type: 'BACK' }) },
        ],
      },
    });
  }

  announcement(): string {
    return spoken([t('booking.title.confirm'), ...summaryLines(this.props), t('booking.confirmQuestion')]);
  }

  override _getFocused() {
    return this.tag('Buttons') as unknown as ButtonRow;
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }
}
