/**
 * Why the viewer was signed out, when the platform ended the session (the certificate expired or
 * was revoked, a refresh token came back twice, or the session ran out); 変更確認: the signature
 * certificate's status after login, told once; and the word that the certificate was renewed.
 * Without a screen.
 */
import { formatMessage, messageFor, type MessageKey } from '../../../machines/messages';
import { done, platformErrors, signedIn, signedInWithSign } from '../../../machines/testing/fixtures';
import { dispatch } from '../../../machines/testing/model';
import { signCertificateNotice } from './certificate-expiry';
import { loggedIn as loggedInAfter, refreshFailsWith, type SessionRun } from './test-support';

/** Logged in with `result` (what the platform said of the viewer and the certificates). */
const loggedIn = (result = signedIn()) => loggedInAfter({ outcome: 'signedIn', signedIn: result });

const state = (run: SessionRun) => run.actor.getSnapshot();

async function signedOut(run: SessionRun): Promise<MessageKey | undefined> {
  expect(state(run).value).toBe('loggingOut');
  await dispatch(run as never, done('logout', undefined));
  expect(state(run).value).toBe('loggedOut');
  return state(run).context.logoutReason;
}

describe('signed out by the platform: the reason', () => {
  test.each([
    [
      'the certificate was revoked',
      platformErrors.sessionCertificateRevoked(),
      'loggedOutCertificateRevoked',
      '失効',
    ],
    [
      'the certificate expired',
      platformErrors.sessionCertificateExpired(),
      'loggedOutCertificateExpired',
      '有効期限',
    ],
    [
      'a refresh token came back',
      platformErrors.refreshTokenReused(),
      'loggedOutSessionReused',
      '安全のため',
    ],
    ['the session ran out', platformErrors.sessionExpired(), 'loggedOutSessionExpired', '有効期間'],
  ] as const)('refresh refused because %s', async (_, error, reason, words) => {
    const run = await loggedIn();
    await refreshFailsWith(run, error);
    expect(await signedOut(run)).toBe(reason);
    expect(messageFor(reason).ja).toContain(words);
    expect(messageFor(reason).en).toMatch(/logged out/i);
    // The way forward: OK with the card still in logs in again.
    run.actor.send({ type: 'OK' });
    expect(state(run).value).toEqual({ authenticating: 'login' });
  });

  test.each(['health', 'booking'] as const)('a %s flow that met a revoked certificate', async (section) => {
    const run = await loggedIn();
    run.actor.send({ type: 'OPEN', section });
    await dispatch(
      run as never,
      done(section, { outcome: 'sessionExpired', reason: 'loggedOutCertificateRevoked' }),
    );
    expect(await signedOut(run)).toBe('loggedOutCertificateRevoked');
  });

  test('a flow that does not say why: the session ran out', async () => {
    const run = await loggedIn();
    run.actor.send({ type: 'OPEN', section: 'health' });
    await dispatch(run as never, done('health', { outcome: 'sessionExpired' }));
    expect(await signedOut(run)).toBe('loggedOutSessionExpired');
  });

  test('without the card, OK goes back to the start (insert the card), still saying why', async () => {
    const run = await loggedIn();
    await refreshFailsWith(run, platformErrors.sessionCertificateExpired());
    await signedOut(run);
    run.fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'absent' });
    expect(state(run).value).toBe('waitingForCard');
    expect(state(run).context.logoutReason).toBe('loggedOutCertificateExpired');
  });
});

describe('変更確認 after login', () => {
  test('holder information changed: asked once whether they moved, then home', async () => {
    const run = await loggedIn(signedInWithSign('holderInformationChanged'));
    expect(state(run).matches({ loggedIn: { screen: 'signCertificateNotice' } })).toBe(true);
    const key = signCertificateNotice(state(run).context.profile)!;
    expect(formatMessage(key, 'ja')).toContain('お引っ越しなどで住所が変わりましたか？');
    expect(formatMessage(key, 'en')).toContain('Have you moved');
    run.actor.send({ type: 'OK' });
    expect(state(run).matches({ loggedIn: { screen: 'home' } })).toBe(true);
  });

  test('holder information changed: 住所変更の手続き from the notice opens the address change; nothing else does', async () => {
    const run = await loggedIn(signedInWithSign('holderInformationChanged'));
    run.actor.send({ type: 'OPEN', section: 'health' });
    expect(state(run).matches({ loggedIn: { screen: 'signCertificateNotice' } })).toBe(true);
    run.actor.send({ type: 'OPEN', section: 'moving' });
    expect(state(run).matches({ loggedIn: { screen: 'moving' } })).toBe(true);
  });

  test('after the renewal notice, the 変更確認 notice follows', async () => {
    const result = signedInWithSign('expired');
    result.profile.certificate = { ...result.profile.certificate, daysRemaining: 30, renewalWarning: true };
    const run = await loggedIn(result);
    expect(state(run).matches({ loggedIn: { screen: 'certificateNotice' } })).toBe(true);
    run.actor.send({ type: 'OK' });
    expect(state(run).matches({ loggedIn: { screen: 'signCertificateNotice' } })).toBe(true);
    expect(signCertificateNotice(state(run).context.profile)).toBe('signCertificateExpired');
  });

  test.each([
    ['expired', true, 'signCertificateExpired'],
    ['revoked', true, 'signCertificateRevoked'],
    ['holderInformationChanged', false, undefined],
    ['valid', true, undefined],
    ['unknown', true, undefined],
  ] as const)('%s (notify %s) → %s', (status, notify, key) => {
    expect(signCertificateNotice(signedInWithSign(status, notify).profile)).toBe(key);
  });

  test('already told: straight home', async () => {
    const run = await loggedIn(signedInWithSign('holderInformationChanged', false));
    expect(state(run).matches({ loggedIn: { screen: 'home' } })).toBe(true);
  });
});

describe('a renewed certificate (新旧紐付け)', () => {
  test('the first login with it says so once, then the 変更確認 check and home', async () => {
    const run = await loggedIn(signedIn({ renewed: true }));
    expect(state(run).matches({ loggedIn: { screen: 'renewedNotice' } })).toBe(true);
    expect(formatMessage('certificateRenewed', 'ja')).toContain('更新');
    expect(formatMessage('certificateRenewed', 'en')).toContain('renewed');
    run.actor.send({ type: 'OK' });
    expect(state(run).matches({ loggedIn: { screen: 'home' } })).toBe(true);
  });

  test('later logins (renewed false) go straight home', async () => {
    const run = await loggedIn(signedIn({ renewed: false }));
    expect(state(run).matches({ loggedIn: { screen: 'home' } })).toBe(true);
  });
});
