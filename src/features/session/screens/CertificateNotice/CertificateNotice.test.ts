/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { expectTexts, itFitsInBothLanguages, itSends } from '../../../../app/testing/screen-harness';
import { CertificateNotice } from './CertificateNotice';

describe('CertificateNotice screen', () => {
  it('says how many days are left and where to renew, with ℹ お知らせ and an OK button', () => {
    const screen = renderScreen(CertificateNotice, { days: 14 });
    expectTexts(screen, [
      '電子証明書の更新のお知らせ',
      'ℹ お知らせ',
      expect.stringMatching(/あと14日です.*市区町村の窓口で更新/),
      '決定',
    ]);
  });

  it('reads in English', () => {
    const screen = renderScreen(CertificateNotice, { days: 3 }, { language: 'en' });
    expectTexts(screen, ['Please renew your certificate', expect.stringMatching(/expires in 3 days/), 'OK']);
  });

  itSends(
    'OK and Back both send OK',
    CertificateNotice,
    { days: 14 },
    ['Enter', 'Back'],
    [{ type: 'OK' }, { type: 'OK' }],
  );

  it('speaks the title, the notice and the button', () => {
    const screen = renderScreen(CertificateNotice, { days: 14 });
    expect(screen.screen.announcement()).toMatch(
      /^電子証明書の更新のお知らせ。カードの電子証明書の有効期限まで、あと14日です。.*。決定。$/,
    );
  });

  itFitsInBothLanguages(
    'keeps everything inside the safe area in large type, in ja and en',
    CertificateNotice,
    [{ days: 30 }],
  );
});
