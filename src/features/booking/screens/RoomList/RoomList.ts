/**
 * 'room-list': the rooms of the chosen facility on the chosen date, each with its free slots
 * ("○ 空き 2") or "× 空きなし"; capacity and fee are spoken with the row. Only a room with a free
 * slot can be chosen. When the viewer was brought back here because a slot was taken meanwhile,
 * the notice takes the guidance line's place. Back returns to the calendar.
 */
import { message, t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { RoomListProps, RoomRow } from '../../view/booking-view';
import { apart, bookingDate, textElement } from '../booking-format';
import { spokenJoin } from '../../../../app/screens/content';
import { BookingListScreen, listTemplate } from '../booking-layout';
import { roomListStyles } from './RoomList.styles';

const roomDetail = (room: RoomRow) =>
  room.freeSlots > 0 ? t('booking.roomFree', { count: room.freeSlots }) : t('booking.full');

const roomSpoken = (room: RoomRow) => {
  const free = room.freeSlots > 0 ? undefined : t('booking.spokenFull');
  if (room.capacityPeople === undefined || room.feeYen === undefined) return free ?? roomDetail(room);
  const facts = t('booking.roomSpoken', {
    capacity: room.capacityPeople,
    fee: room.feeYen,
    count: room.freeSlots,
  });
  return free ? `${facts}、${free}` : facts;
};

export class RoomList extends BookingListScreen<RoomListProps> {
  static override _template() {
    const s = roomListStyles(theme());
    return listTemplate(s, {
      Place: textElement({ ...s.place, fontSize: s.body, color: s.text }),
      Guide: textElement({ ...s.guide, fontSize: s.body, color: s.text }),
    });
  }

  private guide(props: RoomListProps): string {
    return props.notice ? message(props.notice) : t('booking.roomHint');
  }

  protected render(props: RoomListProps) {
    const s = roomListStyles(theme());
    this.tag('Frame')?.patch({
      frame: { title: t('booking.title.room') },
    });
    this.tag('Place')?.patch({ text: { text: apart(props.facilityName, bookingDate(props.date)) } });
    this.tag('Guide')?.patch({ text: { text: this.guide(props) } });
    const firstFree = props.rooms.find((room) => room.freeSlots > 0)?.id;
    this.menu.setItems(
      props.rooms.map((room) => ({
        id: room.id,
        label: room.name,
        detail: roomDetail(room),
        spoken: roomSpoken(room),
      })),
      { width: s.menu.w, visibleRows: s.menu.visibleRows, ...(firstFree ? { focusId: firstFree } : {}) },
    );
    this.menu.onSelect = (id) => {
      const room = props.rooms.find((r) => r.id === id);
      if (room && room.freeSlots > 0) this.send({ type: 'SELECT', id });
      else this.announce(t('booking.roomFull'));
    };
  }

  announcement(): string {
    const { facilityName, date } = this.props;
    return spokenJoin([t('booking.title.room'), facilityName, bookingDate(date), this.guide(this.props)]);
  }
}
