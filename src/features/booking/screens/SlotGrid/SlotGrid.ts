/**
 * 'slot-grid': the time slots (コマ) of the chosen room on the chosen date as large tiles: the
 * slot's name, its time ("9:00〜12:00") and "○ 空き" or "× 予約済み" (a taken slot is dimmed
 * too, never colour alone). Arrows move the focus; OK on a free slot chooses it; on a taken one
 * the voice says it cannot be booked. The notice (a slot was taken meanwhile) replaces the guide.
 */
import { currentLanguage, message, t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import { timeRange } from '../../view/booking-dates';
import type { SlotCell, SlotGridProps } from '../../view/booking-view';
import { apart, bookingDate, secondLine, slotName, textElement } from '../booking-format';
import { spokenJoin } from '../../../../app/screens/content';
import { FocusGridScreen, gridScreenTemplate, gridTile } from '../focus-grid';
import { SLOT_COLUMNS, slotGridStyles } from './SlotGrid.styles';

const statusWord = (slot: SlotCell) => t(`booking.slotStatus.${slot.status}`);

export class SlotGrid extends FocusGridScreen<SlotGridProps> {
  static override _template() {
    const s = slotGridStyles(theme());
    return gridScreenTemplate(s.grid, {
      header: { Place: textElement(s.place), Date: textElement(s.date), Guide: textElement(s.guide) },
    });
  }

  private index = 0;

  private guide(props: SlotGridProps): string {
    return props.notice ? message(props.notice) : t('booking.slotHint');
  }

  protected render(props: SlotGridProps) {
    this.tag('Frame')?.patch({
      frame: { title: t('booking.title.slot') },
    });
    const s = slotGridStyles(theme());
    const place = apart(props.facilityName, props.roomName);
    const below = secondLine(s.place, place);
    this.tag('Place')?.patch({ text: { text: place } });
    this.tag('Date')?.patch({ y: s.date.y + below, text: { text: bookingDate(props.date) } });
    this.tag('Guide')?.patch({ y: s.guide.y + below, text: { text: this.guide(props) } });
    this.tag('Grid')?.patch({ y: s.grid.y + below });
    if (this.index >= props.slots.length || !props.slots[this.index]?.free) {
      this.index = Math.max(
        0,
        props.slots.findIndex((slot) => slot.free),
      );
    }
    this.renderTiles();
  }

  private renderTiles() {
    const s = slotGridStyles(theme());
    const tile = s.tile;
    const language = currentLanguage();
    const line = (y: number, size: number, color: number, text: string) => ({
      x: tile.w / 2,
      y,
      mountX: 0.5,
      text: {
        text,
        fontFace: s.fontFace,
        fontSize: size,
        textColor: color,
        textAlign: 'center',
        wordWrapWidth: tile.w - 24,
        maxLines: 1,
      },
    });
    this.tag('Grid')?.patch({
      children: this.props.slots.map((slot, i) => {
        const focused = i === this.index;
        const look = focused ? tile.focused : slot.free ? tile.free : tile.taken;
        return {
          ...gridTile(tile, i % SLOT_COLUMNS, Math.floor(i / SLOT_COLUMNS), focused, {
            ring: look.outline,
            fill: look.fill,
          }),
          Name: line(tile.paddingY, tile.headingSize, look.text, slotName(slot.code)),
          Time: line(
            tile.paddingY + tile.headingLine,
            tile.headingSize,
            look.text,
            timeRange(slot.start, slot.end, language),
          ),
          Status: line(tile.paddingY + 2 * tile.headingLine, tile.bodySize, look.text, statusWord(slot)),
        };
      }),
    });
  }

  private focusedSpoken(): string {
    const slot = this.props.slots[this.index];
    if (!slot) return '';
    const status = statusWord(slot).replace(/^[○×] /, '');
    return [slotName(slot.code), timeRange(slot.start, slot.end, currentLanguage()), status].join(
      currentLanguage() === 'ja' ? '、' : ', ',
    );
  }

  announcement(): string {
    const { facilityName, roomName, date } = this.props;
    return spokenJoin([
      t('booking.title.slot'),
      `${facilityName} ${roomName}`,
      bookingDate(date),
      this.guide(this.props),
      this.focusedSpoken(),
    ]);
  }

  protected rowLength() {
    return SLOT_COLUMNS;
  }

  protected move(delta: number) {
    const next = this.index + delta;
    if (next >= 0 && next < this.props.slots.length) {
      this.index = next;
      this.renderTiles();
      this.announce(this.focusedSpoken());
    }
    return true;
  }

  override _handleEnter() {
    const slot = this.props.slots[this.index];
    if (slot?.free) this.send({ type: 'SELECT', id: slot.code });
    else this.announce(t('booking.slotNotFree'));
    return true;
  }
}
