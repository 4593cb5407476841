/** Steps the journeys share: the stack's life, logging in, the signature keypad, the home menu. */
import { KEYPAD } from '../../src/features/secret-entry/screens/SignPassword/SignPassword.styles';
import { PINS } from '../harness/card';
import { clearJourneyShots, Stack, type BrowserName, type Journey, type KeyName } from '../harness/stack';
import { SCREEN, type ScreenId } from '../../src/app/screens/ids';

/**
 * The stack a journey file's tests share in `browser`: started before them (the screenshots of
 * earlier runs cleared unless `clearShots` is false), and after them the card out, the log written
 * as `<browser>-<log>`, and everything closed. Returns how a test gets the started stack.
 */
export const sharedStack = (browser: BrowserName, log: string, { clearShots = true } = {}): (() => Stack) => {
  let stack: Stack | undefined;
  beforeAll(async () => {
    if (clearShots) clearJourneyShots(browser);
    stack = await Stack.start({ browser });
  }, 120_000);
  afterAll(async () => {
    await stack?.card?.remove();
    const file = await stack?.writeLog(`${browser}-${log}`);
    console.log(`${browser}: log ${file}`);
    await stack?.close();
  });
  return () => stack!;
};

/** No card in the reader, and the card linked to its holder's account (once per stack). */
export const cardOutAndLinked = async (stack: Stack): Promise<void> => {
  await stack.card!.remove();
  if (stack.platform.simulator.linkCount === 0) await stack.platform.link(stack.card!);
};

/** The home menu, top to bottom (src/features/session/screens/Home). */
export const HOME_MENU = [
  'inbox',
  'health',
  'booking',
  'myBookings',
  'moving',
  'companion',
  'help',
  'logout',
] as const;

/** Down from the first item to `item`, then OK. */
export const openFromHome = async (journey: Journey, item: (typeof HOME_MENU)[number]): Promise<void> => {
  await journey.waitForScreen(SCREEN.home);
  const downs = HOME_MENU.indexOf(item);
  await journey.press(...Array<KeyName>(downs).fill('Down'), 'Enter');
};

/**
 * The keys that type `password` on the on-screen keypad (focus starts on A) and press 決定:
 * letters by moving the focus and OK, digits straight from the number buttons.
 */
export const keypadKeys = (password: string): string[] => {
  const keys: string[] = [];
  let at = KEYPAD[0]!;
  const moveTo = (target: (typeof KEYPAD)[number]) => {
    while (at.row !== target.row) {
      const row = at.row + (target.row > at.row ? 1 : -1);
      const col = at.col;
      keys.push(target.row > at.row ? 'Down' : 'Up');
      at = KEYPAD.find((key) => key.row === row && col >= key.col && col < key.col + key.span)!;
    }
    while (at !== target) {
      const right = target.col > at.col;
      keys.push(right ? 'Right' : 'Left');
      at = right
        ? KEYPAD.find((key) => key.row === at.row && key.col === at.col + at.span)!
        : KEYPAD.find((key) => key.row === at.row && key.col + key.span === at.col)!;
    }
  };
  for (const char of password) {
    if (/[0-9]/.test(char)) {
      keys.push(char);
      continue;
    }
    moveTo(KEYPAD.find((key) => key.event.type === 'CHAR' && key.event.char === char)!);
    keys.push('Enter');
  }
  moveTo(KEYPAD.find((key) => key.event.type === 'OK')!);
  keys.push('Enter');
  return keys;
};

/** Insert card → a valid card → PIN → home (the card must be linked). */
export const logIn = async (stack: Stack, journey: Journey, pin: string = PINS.auth): Promise<void> => {
  await journey.waitForScreen(SCREEN.insertCard);
  await stack.card!.insert('normal');
  await journey.waitForScreen(SCREEN.pinEntry, (p) => p.purpose === 'login');
  await journey.press(pin, 'Enter');
  await journey.waitForScreen(SCREEN.home);
};

/**
 * An unlinked card's first login, from inserting it to home: the auth PIN, the customer number
 * (10010001, the test card's), the signature password on the keypad, the registration's PIN.
 * `shots`: a screenshot of each screen on the way.
 */
export const register = async (stack: Stack, journey: Journey, { shots = false } = {}): Promise<void> => {
  const shot = (name: string) => (shots ? journey.shot(name) : Promise.resolve(''));
  await stack.card!.insert('normal');
  await journey.waitForScreen(SCREEN.pinEntry, (p) => p.purpose === 'login');
  await journey.press(PINS.auth, 'Enter');
  await journey.waitForScreen(SCREEN.customerNumber);
  await shot('customer-number');
  await journey.press('10010001');
  await journey.waitForScreen(SCREEN.customerNumber, (p) => p.digits === '10010001');
  await journey.press('Enter');
  await journey.waitForScreen(SCREEN.signPassword);
  await shot('sign-password');
  await journey.press(...keypadKeys(PINS.sign));
  await journey.waitForScreen(SCREEN.pinEntry, (p) => p.purpose === 'registration');
  await shot('registration-pin');
  await journey.press(PINS.auth, 'Enter');
  await journey.waitForScreen(SCREEN.home);
  await shot('home-after-registration');
};

/** Back until the home menu shows (a flow's first screen hands Back to home). */
export const backToHome = async (journey: Journey, maxPresses = 4): Promise<void> => {
  for (let i = 0; i < maxPresses; i += 1) {
    if ((await journey.read()).screen === SCREEN.home) return;
    await journey.press('Back');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await journey.waitForScreen(SCREEN.home, undefined, 5000);
};

/** Home → ログアウト → "logged out" notice. */
export const logOut = async (journey: Journey): Promise<void> => {
  await openFromHome(journey, 'logout');
  await journey.waitForScreen(
    SCREEN.message,
    (p) => (p.body as { key?: string }).key === 'loggedOutByViewer',
  );
};

export const bodyKey = (props: Record<string, unknown>): string | undefined =>
  (props.body as { key?: string } | undefined)?.key;

/** The session's idle state (loggedIn.idle: active | warning) through the test hook. */
export async function waitForIdleWarning(journey: Journey, timeoutMs: number, shown = true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await journey.state()) as { session?: { loggedIn?: { idle?: string } } } | null;
    const idle = state?.session?.loggedIn?.idle;
    if ((idle === 'warning') === shown && idle !== undefined) return;
    if (Date.now() > deadline) {
      throw new Error(
        `idle warning ${shown ? 'not shown' : 'still shown'} after ${timeoutMs} ms (state ${JSON.stringify(state)})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Date picker: Down (a week ahead), then Right until OK opens the rooms of a day with free slots. */
export async function chooseDateAhead(journey: Journey): Promise<void> {
  await journey.press('Down');
  for (let day = 0; day < 7; day += 1) {
    await journey.press('Enter');
    await new Promise((resolve) => setTimeout(resolve, 500));
    if ((await journey.read()).screen !== SCREEN.datePicker) return;
    await journey.press('Right');
  }
  throw new Error('no bookable day in the week after next');
}

/** Waits for `screen` loaded with at least one entry in its prop `list`: a list the journey can open. */
export const waitForLoadedList = (journey: Journey, screen: ScreenId, list: string) =>
  journey.waitForScreen(screen, (p) => p.loading === false && (p[list] as unknown[]).length > 0);
