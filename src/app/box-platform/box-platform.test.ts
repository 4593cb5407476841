/**
 * @jest-environment jsdom
 */
/**
 * The box's choices and lifecycle applied to the real shell: high contrast redraws the screen in the
 * high-contrast theme, the language switches it, and hiding the app forgets a PIN being typed.
 */
import 'jest-webgl-canvas-mock';
import { visibleTexts } from '../layout-check/layout';
import { SCREEN } from '../screens/ids';
import { DEFAULT_SETTINGS } from '../settings/settings';
import { mountOnPinEntry } from '../testing/shell';
import { highContrastTheme, setTheme, themeFromSettings } from '../theme/tokens';
import { Voice } from '../voice/voice';
import { hasFireboltTransport } from './box-platform';
import { languageOf } from './firebolt-box-platform';
import { boxPlatformTargets } from './connect';
import { applyLifecycle, applyPreferences } from './follow-box-platform';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function shellOnPinEntry() {
  setTheme(themeFromSettings(DEFAULT_SETTINGS));
  const { app, session, harness, press, destroy } = await mountOnPinEntry();
  const spoken: string[] = [];
  const voice = new Voice(
    { speak: async (text) => void spoken.push(text), stop: () => undefined },
    () => 'ja',
    0,
  );
  let ended = 0;
  const targets = boxPlatformTargets({
    app: () => app,
    voice,
    settings: DEFAULT_SETTINGS,
    end: () => (ended += 1),
    suspend: () => undefined,
    resume: () => undefined,
    addTelemetrySink: () => undefined,
  });
  return { app, session, harness, press, targets, spoken, voice, ended: () => ended, destroy };
}

describe('the box’s choices on the shell', () => {
  it('high contrast redraws the screen on black with the same texts, and back to the operator’s', async () => {
    const shell = await shellOnPinEntry();
    const before = visibleTexts(shell.harness);
    applyPreferences({ highContrast: true }, shell.targets);
    shell.harness.stage.drawFrame();
    expect(shell.app.color).toBe(highContrastTheme().colors.background);
    expect(shell.app.screen).toBe(SCREEN.pinEntry);
    expect(visibleTexts(shell.harness)).toEqual(before);
    applyPreferences({ highContrast: false }, shell.targets);
    expect(shell.app.color).toBe(themeFromSettings(DEFAULT_SETTINGS).colors.background);
    shell.destroy();
  });

  it('the box’s language switches the screen’s', async () => {
    const shell = await shellOnPinEntry();
    applyPreferences({ language: 'en' }, shell.targets);
    shell.harness.stage.drawFrame();
    expect(visibleTexts(shell.harness).join(' ')).toMatch(/PIN/);
    applyPreferences({ language: 'ja' }, shell.targets);
    shell.destroy();
  });

  it('sent to the background, a PIN being typed is forgotten; OK starts the entry again', async () => {
    const shell = await shellOnPinEntry();
    shell.press('Digit1');
    shell.press('Digit2');
    const login = () =>
      shell.session.getSnapshot().children.login?.getSnapshot() as { context: { pin: string } } | undefined;
    expect(login()?.context.pin).toBe('12');
    applyLifecycle('background', shell.targets, { finished: () => undefined });
    await settle();
    shell.harness.stage.drawFrame();
    expect(login()).toBeUndefined();
    expect(shell.session.getSnapshot().value).toBe('cardIdle');
    applyLifecycle('foreground', shell.targets, { finished: () => undefined });
    shell.press('Enter');
    await settle();
    expect(login()?.context.pin).toBe('');
    shell.destroy();
  });

  it('suspended lets go of the bridge, foreground takes it back; unloading ends all, then says finished', async () => {
    const shell = await shellOnPinEntry();
    const calls: string[] = [];
    const targets = {
      ...shell.targets,
      suspend: () => calls.push('suspend'),
      show: () => calls.push('show'),
      end: () => calls.push('end'),
    };
    const box = { finished: () => calls.push('finished') };
    applyLifecycle('suspended', targets, box);
    applyLifecycle('foreground', targets, box);
    applyLifecycle('unloading', targets, box);
    expect(calls).toEqual(['suspend', 'show', 'end', 'finished']);
    shell.destroy();
  });

  it('voice guidance off stops and silences the voice; on again at the box’s rate', async () => {
    const shell = await shellOnPinEntry();
    applyPreferences({ voiceGuidance: { enabled: false, rate: 1 } }, shell.targets);
    shell.voice.screen('聞こえない');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(shell.spoken).toEqual([]);
    applyPreferences({ voiceGuidance: { enabled: true, rate: 1.5 } }, shell.targets);
    shell.voice.screen('聞こえる');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(shell.spoken).toEqual(['聞こえる']);
    shell.destroy();
  });
});

describe('what the box says', () => {
  it('maps the box’s language codes to ours, and nothing else', () => {
    expect(['ja', 'ja-JP', 'jpn', 'en', 'en-US', 'eng'].map(languageOf)).toEqual([
      'ja',
      'ja',
      'ja',
      'en',
      'en',
      'en',
    ]);
    expect([undefined, 'fr', 7, ''].map(languageOf)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('finds a Firebolt transport only where the box provides one', () => {
    expect(hasFireboltTransport({})).toBe(false);
    expect(hasFireboltTransport({ __firebolt: { endpoint: 'ws://127.0.0.1:3474' } })).toBe(true);
    expect(hasFireboltTransport({ __firebolt: { endpoint: 'javascript:alert(1)' } })).toBe(false);
    expect(hasFireboltTransport({ ServiceManager: { version: '1.0' } })).toBe(true);
  });
});
