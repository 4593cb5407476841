/**
 * The viewer's preferences through the SDK against the simulator: kept with the viewer's record,
 * so a login on another box finds them in the profile; a bad body is refused with the field named;
 * without a token nothing is read or kept; every answer is no-store.
 */
import { BASE_URL, driverCard, usePlatformWithYamada } from '../../mocks/platform/test-support';
import { PlatformError } from './errors';

const platform = usePlatformWithYamada();

async function loggedInBox() {
  const client = platform.fixture.client();
  await client.auth.login(driverCard(platform.yamada));
  return client;
}

const put = (body: unknown, token?: string) =>
  fetch(`${BASE_URL}/v1/me/preferences`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

beforeEach(async () => {
  await platform.fixture.client().registration.register(driverCard(platform.yamada), '10010001');
});

describe('viewer preferences', () => {
  it('has none until the viewer chose; then every box the viewer logs in on finds the size', async () => {
    const livingRoom = await loggedInBox();
    expect((await livingRoom.profile.get()).preferences).toBeUndefined();
    await expect(livingRoom.profile.savePreferences({ textSize: 'largest' })).resolves.toEqual({
      textSize: 'largest',
    });
    const bedroom = await loggedInBox();
    expect((await bedroom.profile.get()).preferences).toEqual({ textSize: 'largest' });
    await bedroom.profile.savePreferences({ textSize: 'large' });
    expect((await livingRoom.profile.get()).preferences).toEqual({ textSize: 'large' });
  });

  it('refuses a size outside the list and an unknown preference, naming the field', async () => {
    const box = await loggedInBox();
    const cases: Array<[unknown, string]> = [
      [{ textSize: 'huge' }, 'textSize'],
      [{ textSize: 52 }, 'textSize'],
      [{ fontColor: 'red' }, 'fontColor'],
    ];
    for (const [body, field] of cases) {
      const error = await box.profile.savePreferences(body as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlatformError);
      const { code, problem } = error as PlatformError;
      expect([code, problem?.invalidParams?.[0]?.name]).toEqual(['VALIDATION_FAILED', field]);
    }
    expect((await box.profile.get()).preferences).toBeUndefined();
  });

  it('keeps nothing without a token, and marks every answer no-store', async () => {
    const refused = await put({ textSize: 'large' });
    expect([refused.status, refused.headers.get('cache-control')]).toEqual([401, 'no-store']);
    const box = await loggedInBox();
    expect((await box.profile.get()).preferences).toBeUndefined();
  });
});
