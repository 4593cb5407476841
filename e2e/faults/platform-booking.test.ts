/**
 * Faults around a booking, end to end through the SDK (PlatformClient) and the platform simulator
 * (msw in process): the booking POST's answer is lost after the platform did the work (network
 * error, 503, hang), or refused before (503 twice, 401 TOKEN_EXPIRED). The SDK resends with the
 * same Idempotency-Key, and the simulator must hold exactly one booking each time.
 */
import { DEMO_HOLDERS, type CardCredentials } from '../../mocks/pki';
import { createPlatformFixture, driverCard, type PlatformFixture } from '../../mocks/platform/test-support';
import type { PlatformClient } from '../../src/platform/client';
import { PlatformError } from '../../src/platform/errors';

const DAY = 24 * 60 * 60_000;
let fixture: PlatformFixture;
let card: CardCredentials;

beforeAll(async () => {
  fixture = await createPlatformFixture();
  card = await fixture.pki.issueCard(DEMO_HOLDERS[0]!);
}, 60_000);
afterAll(() => fixture.close());
beforeEach(() => fixture.simulator.reset());

type Step = 'pass' | 'lost-after' | '503-after' | 'hang-after' | '503-before' | '401-before';

/** A client whose booking POSTs meet `steps` in turn (then pass); other requests pass. */
async function clientWith(steps: Step[]): Promise<{ client: PlatformClient; bookingPosts: () => number }> {
  let posts = 0;
  const faulty: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!(init?.method === 'POST' && url.endsWith('/v1/bookings'))) return fetch(input, init);
    const step = steps[posts++] ?? 'pass';
    if (step === '503-before') return new Response('', { status: 503, headers: { 'Retry-After': '1' } });
    if (step === '401-before') {
      const problem = { type: 'about:blank', title: 'expired', status: 401, code: 'TOKEN_EXPIRED' };
      return new Response(JSON.stringify(problem), {
        status: 401,
        headers: { 'content-type': 'application/problem+json' },
      });
    }
    const response = await fetch(input, init);
    const body = await response.text(); // the platform did the work; the answer is what goes missing
    if (step === 'lost-after') throw new TypeError('fetch failed: socket hang up');
    if (step === '503-after') return new Response('<html>Bad gateway</html>', { status: 503 });
    if (step === 'hang-after') {
      return new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    }
    return new Response(body, { status: response.status, headers: response.headers });
  };
  // Long enough for the registration's real RSA checks on a loaded 2-core CI machine; the hang case
  // waits it out once.
  const client = fixture.client({ fetch: faulty, timeoutMs: 2000 });
  await client.registration.register(driverCard(card), '1001-0001');
  return { client, bookingPosts: () => posts };
}

const request = (days: number) => ({
  facilityId: 'undokoen',
  roomId: 'undokoen-tennis-a',
  date: new Date(fixture.clock.time + days * DAY).toISOString().slice(0, 10),
  slot: 'morning' as const,
});

const CASES: Array<[name: string, steps: Step[], posts: number]> = [
  ['answer lost (network) after booking', ['lost-after'], 2],
  ['503 after booking', ['503-after'], 2],
  ['hang after booking → timeout', ['hang-after'], 2],
  ['lost twice, then answered', ['lost-after', '503-after'], 3],
  ['503 + Retry-After twice before booking', ['503-before', '503-before'], 3],
  ['401 TOKEN_EXPIRED before booking (refresh, resend)', ['401-before'], 2],
];

describe.each(CASES)('booking POST: %s', (_name, steps, expectedPosts) => {
  test('one booking, the one the viewer gets back', async () => {
    const { client, bookingPosts } = await clientWith(steps);
    const booking = await client.bookings.create(request(20));
    expect(bookingPosts()).toBe(expectedPosts);
    const mine = fixture.simulator.bookingDesk.mine('10010001').bookings;
    expect(mine.map((b) => b.id)).toEqual([booking.id]);
    expect((await client.bookings.list()).bookings).toHaveLength(1);
  });
});

test('faults on every attempt: a typed error with ja/en messages, and still never two bookings', async () => {
  const { client, bookingPosts } = await clientWith(['lost-after', '503-after', 'hang-after', 'pass']);
  const key = { idempotencyKey: 'viewer-booking-1' };
  const error = await client.bookings.create(request(21), key).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(PlatformError);
  expect((error as PlatformError).code).toBe('TIMEOUT');
  expect((error as PlatformError).messageJa).not.toBe('');
  expect((error as PlatformError).messageEn).not.toBe('');
  expect(bookingPosts()).toBe(3);
  expect(fixture.simulator.bookingDesk.mine('10010001').bookings).toHaveLength(1);
  // The viewer retries the same booking (the booking machine keeps its key): the same one, still one.
  const booking = await client.bookings.create(request(21), key);
  expect(fixture.simulator.bookingDesk.mine('10010001').bookings.map((b) => b.id)).toEqual([booking.id]);
});
