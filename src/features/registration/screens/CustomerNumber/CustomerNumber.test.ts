/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { itSends } from '../../../../app/testing/screen-harness';
import type { CustomerNumberProps } from '../../view/registration-view';
import { CustomerNumber } from './CustomerNumber';

const entry = (overrides: Partial<CustomerNumberProps> = {}): CustomerNumberProps => ({
  digits: '1001',
  min: 6,
  max: 12,
  ...overrides,
});

describe('CustomerNumber screen', () => {
  it('explains first-time registration and shows the number as typed, in Japanese', () => {
    const screen = renderScreen(CustomerNumber, entry());
    expect(screen.texts()).toEqual(
      expect.arrayContaining([
        '利用者登録 1/3：お客様番号',
        expect.stringMatching(/一度だけ.*マイナンバーカードとケーブルテレビのご契約を結びつける/),
        'ケーブルテレビのお客様番号（数字）を入力してください。',
        '1 0 0 1',
        'お客様番号は数字6〜12けたです。ご契約の書類でお確かめください。',
        expect.stringMatching(/「決定」で次へ/),
      ]),
    );
  });

  it('reads in English when the viewer chose English', () => {
    const screen = renderScreen(CustomerNumber, entry(), { language: 'en' });
    expect(screen.texts()).toEqual(
      expect.arrayContaining([
        'Sign-up 1/3: Customer number',
        'Please enter your cable TV customer number (digits).',
      ]),
    );
  });

  it('shows why the number was not accepted, with the warning sign, and speaks it when it arrives', () => {
    const screen = renderScreen(CustomerNumber, entry({ digits: '10010099' }));
    screen.update(entry({ digits: '10010099', error: { key: 'CUSTOMER_NOT_FOUND' } }));
    const shown = screen.texts().find((text) => text.startsWith('⚠\u00A0'));
    expect(shown).toBeDefined();
    expect(screen.announced).toEqual([shown!.slice(2)]);
  });

  itSends(
    'sends DIGIT for number buttons, BACK for Back, OK for Enter',
    CustomerNumber,
    entry(),
    ['Digit9', 'Back', 'Enter'],
    [{ type: 'DIGIT', digit: '9' }, { type: 'BACK' }, { type: 'OK' }],
  );

  it('announces what the registration is and what to type', () => {
    const spoken = renderScreen(CustomerNumber, entry()).screen.announcement();
    expect(spoken).toMatch(/一度だけ/);
    expect(spoken).toMatch(/お客様番号（数字）を入力してください/);
    expect(spoken).toMatch(/6〜12けた/);
  });

  it('keeps everything inside the safe area with 12 digits and an error, in both languages', () => {
    const full = entry({ digits: '123456789012', error: { key: 'CUSTOMER_NOT_FOUND' } });
    expect(renderScreen(CustomerNumber, full).layoutProblems()).toEqual([]);
    expect(renderScreen(CustomerNumber, full, { language: 'en' }).layoutProblems()).toEqual([]);
  });
});
