/**
 * 'booking-detail': one of the viewer's bookings with the facility's cancellation rule, and the
 * buttons 取り消す (CANCEL_BOOKING) and 戻る (BACK). With `confirmingCancel` a panel asks
 * "この予約を取り消しますか" with the rule again and the buttons 取り消す (CONFIRM) / やめる (BACK);
 * there the focus starts on やめる so a second OK pressed by habit does not cancel. Back is BACK.
 */
import { Lightning } from '@lightningjs/sdk';
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { currentLanguage, t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { BookingDetailProps } from '../../view/booking-view';
import { apart, bookingDate, bookingLines, slotText, spoken } from '../booking-format';
import { ButtonRow } from '../../../../app/components/ButtonRow/ButtonRow';
import { columnText, linesOf } from '../booking-summary';
import { Screen } from '../../../../app/screens/Screen';
import { bookingDetailStyles } from './BookingDetail.styles';
import { BookingScreen } from '../../index';

export class BookingDetail extends Screen<BookingDetailProps> {
  static readonly screenName = BookingScreen.bookingDetail;

  static override _template() {
    const s = bookingDetailStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      Details: {
        x: s.column.x,
        y: s.column.y,
        w: s.column.w,
        flex: { direction: 'column' },
        Lines: { w: s.column.w, flex: { direction: 'column' } },
        RuleHeading: columnText(s, 'muted'),
        Rule: columnText(s, 'body'),
      },
      Panel: {
        x: s.panel.x,
        y: s.panel.y,
        w: s.panel.w,
        h: s.panel.h,
        rect: true,
        color: s.panel.fill,
        shader: { type: Lightning.shaders.RoundedRectangle, radius: s.panel.radius },
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
      Buttons: { type: ButtonRow, x: s.buttons.x, y: s.buttons.y },
    };
  }

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
    this.tag('Frame')?.patch({
      frame: { title: t('booking.title.detail') },
    });
    this.tag('Details')?.patch({ visible: !confirming });
    this.tag('Details.Lines')?.patch({ children: linesOf(s, 'body', bookingLines(props.booking)) });
    this.tag('Details.RuleHeading')?.patch({ text: { text: t('booking.ruleHeading') } });
    this.tag('Details.Rule')?.patch({ text: { text: this.rule() } });
    this.tag('Panel')?.patch({ visible: confirming });
    this.tag('Panel.Column.Question')?.patch({ text: { text: t('booking.cancelQuestion') } });
    this.tag('Panel.Column.What')?.patch({ text: { text: this.what() } });
    this.tag('Panel.Column.RuleHeading')?.patch({ text: { text: t('booking.ruleHeading') } });
    this.tag('Panel.Column.Rule')?.patch({ text: { text: this.rule() } });
    this.tag('Buttons')?.patch({
      content: {
        gap: s.buttons.gap,
        buttons: confirming
          ? [
              { label: t('booking.cancel'), onPress: () => this.send({ type: 'CONFIRM' }) },
              { label: t('booking.keep'), onPress: () => this.send({ type: 'BACK' }) },
            ]
          : [
              { label: t('booking.cancel'), onPress: () => this.send({ type: 'CANCEL_BOOKING' }) },
              { label: t('common.back'), onPress: () => this.send({ type: 'BACK' }) },
            ],
        // Confirming, the focus starts on やめる: an OK pressed by habit must not cancel.
        focus: confirming ? 1 : 0,
      },
    });
  }

  announcement(): string {
    if (this.props.confirmingCancel) {
      return spoken([t('booking.cancelQuestion'), this.what(), t('booking.ruleHeading'), this.rule()]);
    }
    return spoken([
      t('booking.title.detail'),
      ...bookingLines(this.props.booking),
      t('booking.ruleHeading'),
      this.rule(),
    ]);
  }

  override _getFocused() {
    return this.tag('Buttons') as unknown as ButtonRow;
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }
}
