/**
 * 'date-picker': the booking window as a calendar, a week a row from Sunday (日〜土 in words).
 * A day with a free slot shows "○"; a full day is dimmed AND marked "×" (never colour alone).
 * Arrows move the focus a day (Left/Right) or a week (Up/Down) inside the window; OK chooses a
 * day with free slots (a full day only says so). The panel at the right repeats the focused date
 * in full with "空きあり/空きなし", the legend, and what to do (or the notice, when a slot was taken
 * meanwhile).
 */
import { currentLanguage, message, t } from '../../../../app/i18n/i18n';
import { lineHeight, theme } from '../../../../app/theme/tokens';
import {
  daysBetween,
  monthSpan,
  moveWithin,
  spokenDate,
  weekdayNames,
  type CalendarDay,
} from '../../view/booking-dates';
import type { DatePickerProps } from '../../view/booking-view';
import { apart, bookingDate, secondLine, textElement } from '../booking-format';
import { spokenJoin } from '../../../../app/screens/content';
import { FocusGridScreen, gridScreenTemplate, gridTile } from '../focus-grid';
import { datePickerStyles } from './DatePicker.styles';

type Styles = ReturnType<typeof datePickerStyles>;

/**
 * "3 ○" / "1 ×": the day and the mark only, so the label fits its cell at every text size; the
 * heading names the months and the panel says the focused day in full.
 */
const cellLabel = (day: CalendarDay) => `${day.day} ${day.bookable ? '○' : '×'}`;

const panelText = (s: Styles, key: 'focusDate' | 'body' | 'muted') => ({
  w: s.panel.w,
  // A text box carries half an em below its last line: the gap starts inside it, so the panel's
  // lines still fit above the legend at 特大.
  flexItem: { marginBottom: s.panel.gap - Math.round(s[key].fontSize / 2) },
  text: {
    text: '',
    fontFace: s.fontFace,
    fontSize: s[key].fontSize,
    lineHeight: lineHeight(s[key].fontSize),
    textColor: s[key].color,
    wordWrapWidth: s.panel.w,
  },
});

export class DatePicker extends FocusGridScreen<DatePickerProps> {
  static override _template() {
    const s = datePickerStyles(theme());
    return gridScreenTemplate(s.grid, {
      header: { Heading: textElement(s.heading), Loading: textElement({ ...s.loading, align: 'center' }) },
      grid: { Weekdays: {}, Cells: { y: s.grid.cellsY } },
      after: {
        Panel: {
          x: s.panel.x,
          y: s.panel.y,
          w: s.panel.w,
          flex: { direction: 'column' },
          FocusDate: panelText(s, 'focusDate'),
          FocusState: panelText(s, 'body'),
          Legend: panelText(s, 'muted'),
          Notice: panelText(s, 'body'),
          Guide: panelText(s, 'body'),
        },
      },
    });
  }

  private focusDate = '';

  private dayOf(date: string): CalendarDay | undefined {
    return this.props.weeks.flat().find((day) => day?.date === date) ?? undefined;
  }

  private stateText(date: string): string {
    return t(this.dayOf(date)?.bookable ? 'booking.free' : 'booking.full');
  }

  protected render(props: DatePickerProps) {
    const s = datePickerStyles(theme());
    const language = currentLanguage();
    const inWindow = (date: string) => daysBetween(props.from, date) >= 0 && daysBetween(date, props.to) >= 0;
    if (!inWindow(this.focusDate)) this.focusDate = props.bookableDates[0] ?? props.from;
    this.tag('Frame')?.patch({
      frame: { title: t('booking.title.date') },
    });
    const heading = apart(props.facilityName, monthSpan(props.from, props.to, language));
    const below = secondLine(s.heading, heading);
    this.tag('Heading')?.patch({ text: { text: heading } });
    this.tag('Loading')?.patch({
      y: s.loading.y + below,
      visible: props.loading,
      text: { text: t('common.loading') },
    });
    this.tag('Grid')?.patch({ y: s.grid.y + below, visible: !props.loading });
    this.tag('Panel')?.patch({ y: s.panel.y + below, visible: !props.loading });
    this.tag('Grid.Weekdays')?.patch({
      children: weekdayNames(language).map((name, i) => ({
        x: i * (s.cell.w + s.cell.gap),
        w: s.cell.w,
        text: {
          text: name,
          fontFace: s.fontFace,
          fontSize: s.weekday.fontSize,
          textColor: s.weekday.color,
          textAlign: 'center',
          wordWrapWidth: s.cell.w,
        },
      })),
    });
    this.renderCells();
    this.renderPanel();
  }

  private renderCells() {
    const s = datePickerStyles(theme());
    const c = s.cell;
    const cells = this.props.weeks.flatMap((week, row) =>
      week.flatMap((day, column) => {
        if (!day) return [];
        const focused = day.date === this.focusDate;
        const look = focused ? c.focused : day.bookable ? c.bookable : c.full;
        return [
          {
            ...gridTile(c, column, row, focused, {
              ring: focused ? c.focused.ring : day.bookable ? c.bookable.fill : c.full.outline,
              fill: look.fill,
            }),
            Label: {
              x: c.w / 2,
              y: c.h / 2 + 2,
              mount: 0.5,
              text: {
                text: cellLabel(day),
                fontFace: s.fontFace,
                fontSize: c.fontSize,
                textColor: look.text,
                textAlign: 'center',
              },
            },
          },
        ];
      }),
    );
    this.tag('Grid.Cells')?.patch({ children: cells });
  }

  private guideText(): string {
    return this.props.none ? message({ key: 'noAvailability' }) : t('booking.dateHint');
  }

  private renderPanel() {
    const notice = this.props.notice ? message(this.props.notice) : '';
    this.tag('Panel.FocusDate')?.patch({ text: { text: bookingDate(this.focusDate) } });
    this.tag('Panel.FocusState')?.patch({ text: { text: this.stateText(this.focusDate) } });
    this.tag('Panel.Legend')?.patch({ text: { text: t('booking.legend') } });
    this.tag('Panel.Notice')?.patch({ visible: Boolean(notice), text: { text: notice } });
    // The notice already says what to do; the guide would push the panel out of the screen.
    this.tag('Panel.Guide')?.patch({ visible: !notice, text: { text: this.guideText() } });
  }

  private focusedSpoken(): string {
    const bookable = this.dayOf(this.focusDate)?.bookable;
    const language = currentLanguage();
    const state = t(bookable ? 'booking.spokenFree' : 'booking.spokenFull');
    return `${spokenDate(this.focusDate, language)}${language === 'ja' ? '、' : ', '}${state}`;
  }

  announcement(): string {
    if (this.props.loading) return spokenJoin([t('booking.title.date'), t('common.loading')]);
    const notice = this.props.notice ? message(this.props.notice) : undefined;
    const guide = notice ?? this.guideText();
    return spokenJoin([t('booking.title.date'), this.props.facilityName, guide, this.focusedSpoken()]);
  }

  /** A week a row. */
  protected rowLength() {
    return 7;
  }

  protected move(delta: number) {
    if (this.props.loading) return true;
    const next = moveWithin(this.focusDate, delta, this.props.from, this.props.to);
    if (next !== this.focusDate) {
      this.focusDate = next;
      this.renderCells();
      this.renderPanel();
      this.announce(this.focusedSpoken());
    }
    return true;
  }

  override _handleEnter() {
    if (this.props.loading) return true;
    if (this.dayOf(this.focusDate)?.bookable) this.send({ type: 'SELECT', id: this.focusDate });
    else this.announce(t('booking.notBookable'));
    return true;
  }
}
