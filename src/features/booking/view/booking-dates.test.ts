/** The booking calendar's arithmetic and wording. */
import {
  calendarWeeks,
  daysBetween,
  formatDate,
  monthSpan,
  moveWithin,
  shiftDate,
  spokenDate,
  timeRange,
  weekdayNames,
  weekdayOf,
} from './booking-dates';

describe('booking dates', () => {
  test('shifts across months and years by the calendar', () => {
    expect(shiftDate('2026-12-25', 30)).toBe('2027-01-24');
    expect(shiftDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-03', '2027-01-02')).toBe(30);
    expect(weekdayOf('2026-12-03')).toBe(4); // Thursday
  });

  test('the window as week rows from Sunday, blank outside it', () => {
    const weeks = calendarWeeks('2026-12-03', '2027-01-02', new Set(['2026-12-05', '2027-01-02']));
    expect(weeks).toHaveLength(5);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    expect(weeks[0]!.slice(0, 4)).toEqual([null, null, null, null]);
    expect(weeks[0]![4]).toEqual({ date: '2026-12-03', day: 3, month: 12, weekday: 4, bookable: false });
    expect(weeks[0]![6]).toMatchObject({ date: '2026-12-05', bookable: true });
    expect(weeks[4]![6]).toMatchObject({ date: '2027-01-02', day: 2, month: 1, bookable: true });
    const days = weeks.flat().filter((day) => day !== null);
    expect(days).toHaveLength(31);
    expect(calendarWeeks('2026-12-10', '2026-12-01', new Set())).toEqual([]);
  });

  test('a window starting on Sunday has no leading blanks; 31 days may need six rows', () => {
    expect(calendarWeeks('2026-11-01', '2026-12-01', new Set())[0]![0]).toMatchObject({ date: '2026-11-01' });
    expect(calendarWeeks('2026-10-31', '2026-11-30', new Set())).toHaveLength(6);
  });

  test('focus moves by day and week but stays in the window', () => {
    expect(moveWithin('2026-12-03', 7, '2026-12-03', '2027-01-02')).toBe('2026-12-10');
    expect(moveWithin('2026-12-03', -1, '2026-12-03', '2027-01-02')).toBe('2026-12-03');
    expect(moveWithin('2026-12-30', 7, '2026-12-03', '2027-01-02')).toBe('2026-12-30');
    expect(moveWithin('2027-01-01', 1, '2026-12-03', '2027-01-02')).toBe('2027-01-02');
  });

  test('dates, weekdays, months and times in Japanese and English', () => {
    expect(formatDate('2026-12-03', 'ja')).toBe('2026年12月3日（木）');
    expect(formatDate('2026-12-03', 'en')).toBe('Thu, 3 December 2026');
    expect(spokenDate('2026-12-03', 'ja')).toBe('12月3日 木曜日');
    expect(spokenDate('2026-12-03', 'en')).toBe('Thursday 3 December');
    expect(weekdayNames('ja')).toEqual(['日', '月', '火', '水', '木', '金', '土']);
    expect(weekdayNames('en', 'long')[6]).toBe('Saturday');
    expect(monthSpan('2026-12-03', '2027-01-02', 'ja')).toBe('2026年12月〜2027年1月');
    expect(monthSpan('2026-12-01', '2026-12-31', 'en')).toBe('December 2026');
    expect(timeRange('09:00', '12:00', 'ja')).toBe('9:00〜12:00');
    expect(timeRange('18:00', '21:00', 'en')).toBe('18:00–21:00');
  });
});
