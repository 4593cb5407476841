/**
 * The signature certificate's password (6–16 of A–Z and 0–9) on an on-screen keypad: arrows move,
 * OK types the focused key (or 消す / 決定), the remote's number buttons type digits directly.
 * Typed characters show as ●. With one try left the warning panel takes the focus, as for the PIN.
 */
import { Lightning } from '@lightningjs/sdk';
import { Button } from '../../../../app/components/Button/Button';
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { message, t, withWarningIcon } from '../../../../app/i18n/i18n';
import { digitOf, letterOf } from '../../../../app/keys/keymap';
import { theme } from '../../../../app/theme/tokens';
import type { SignPasswordProps } from '../../props';
import { LastTryPanel } from '../PinEntry/LastTryPanel';
import { columnLine, entryColumn, type TextStyle } from '../PinEntry/PinEntry.styles';
import { Screen } from '../../../../app/screens/Screen';
import { KEYPAD, signPasswordStyles, type KeypadKey } from './SignPassword.styles';
import { SecretEntryScreen } from '../../index';
import { outlinedElement } from '../entry-field';
import { answerPanelTo, FILLED, secretAnnouncement, showLastTry, triesLine } from '../secret-screen';

export type { SignPasswordProps };

const labelOf = (key: KeypadKey) => (key.label.length === 1 ? key.label : t(key.label));

/** The key to go to from `from` one row up or down: the one covering the same column. */
const keyInRow = (from: KeypadKey, row: number): KeypadKey | undefined => {
  const candidates = KEYPAD.filter((key) => key.row === row);
  return (
    candidates.find((key) => from.col >= key.col && from.col < key.col + key.span) ??
    candidates[candidates.length - 1]
  );
};

export class SignPassword extends Screen<SignPasswordProps> {
  static readonly screenName = SecretEntryScreen.signPassword;

  static override _template() {
    const s = signPasswordStyles(theme());
    const f = s.field;
    const keys: Record<string, object> = {};
    for (const key of KEYPAD) {
      const box = s.keyBox(key);
      keys[key.ref] = { type: Button, x: box.x, y: box.y, fixedWidth: box.w };
    }
    // The glyphs (one em) centred in the field; the text box's half em below them is empty.
    const fieldText = (x: number, mountX: number, color: number, fontSize: number) => ({
      x,
      y: Math.round((f.h - fontSize) / 2),
      mountX,
      text: { text: '', fontFace: s.fontFace, fontSize, textColor: color },
    });
    const line = (style: TextStyle) => columnLine(style, s.fontFace, s.textGap);
    return {
      Frame: { type: ScreenFrame },
      // One column above the keypad, each line as tall as its text.
      Column: entryColumn(s.content, {
        Instruction: line(s.instruction),
        Field: {
          ...outlinedElement(
            { ...f, x: 0, y: 0 },
            {
              Dots: fieldText(f.padding, 0, f.borderColor, f.fontSize),
              Count: fieldText(f.w - f.padding, 1, f.countColor, s.tries.fontSize),
            },
          ),
          flexItem: { marginTop: s.gap, marginBottom: s.gap },
        },
        Tries: line(s.tries),
        Error: line(s.error),
        HowTo: line(s.howTo),
      }),
      Keypad: { x: s.keypad.x, y: s.keypad.y, ...keys },
      Panel: { type: LastTryPanel, visible: false },
    };
  }

  private shown: SignPasswordProps | undefined;
  /** The focused key (index into KEYPAD); kept across renders so typing does not move it. */
  private focusIndex = 0;

  override _init() {
    for (const key of KEYPAD) {
      const button = this.tag(`Keypad.${key.ref}`) as unknown as Button;
      button.label = labelOf(key);
      button.onPress = () => this.send(key.event);
    }
    answerPanelTo(this.tag('Panel') as unknown as LastTryPanel, (event) => this.send(event));
  }

  protected render(props: SignPasswordProps) {
    const s = signPasswordStyles(theme());
    const before = this.shown;
    this.shown = props;
    this.tag('Frame')?.patch({ frame: { title: t(props.titleKey ?? 'registration.password.title') } });
    this.tag('Column.Instruction')?.patch({
      text: { text: message({ key: s.compact ? 'signPasswordFormat' : 'enterSignPassword' }) },
    });
    this.tag('Column.Field.Dots')?.patch({ text: { text: FILLED.repeat(props.length) } });
    this.tag('Column.Field.Count')?.patch({
      text: { text: `${t('registration.password.typed', { count: props.length })} / ${props.maxLength}` },
    });
    // Labels follow the language (the viewer may switch it on this screen).
    for (const key of KEYPAD) (this.tag(`Keypad.${key.ref}`) as unknown as Button).label = labelOf(key);

    const confirming = props.confirmingLastAttempt;
    const tries = triesLine(props);
    const error = props.error ? [withWarningIcon(message(props.error)), tries].filter(Boolean).join(' ') : '';
    this.tag('Column.Tries')?.patch({
      visible: !confirming && error === '' && tries !== undefined,
      text: { text: tries ?? '' },
    });
    this.tag('Column.Error')?.patch({ visible: !confirming && error !== '', text: { text: error } });
    this.tag('Column.HowTo')?.patch({
      visible: !confirming && error === '' && s.showHowTo,
      text: { text: t('registration.password.howTo') },
    });
    this.tag('Keypad')?.patch({ visible: !confirming });

    // Spoken before the focus moves (a focused button speaks its label after the warning).
    const spoken = showLastTry(this.tag('Panel') as unknown as LastTryPanel, s.panel, props, before);
    if (spoken) this.announce(spoken);
    this._refocus();
  }

  announcement(): string {
    return secretAnnouncement(
      t(this.props.titleKey ?? 'registration.password.title'),
      { key: 'enterSignPassword' },
      this.props,
      t('registration.password.howTo'),
    );
  }

  override _getFocused(): Lightning.Component {
    if (this.props?.confirmingLastAttempt) return this.tag('Panel') as unknown as Lightning.Component;
    const key = KEYPAD[this.focusIndex] ?? KEYPAD[0]!;
    return this.tag(`Keypad.${key.ref}`) as unknown as Lightning.Component;
  }

  private focusKey(next: KeypadKey | undefined) {
    if (!next) return false;
    this.focusIndex = KEYPAD.indexOf(next);
    this._refocus();
    return true;
  }

  private get focusedKey(): KeypadKey {
    return KEYPAD[this.focusIndex] ?? KEYPAD[0]!;
  }

  override _handleLeft() {
    const { row, col } = this.focusedKey;
    return this.focusKey(KEYPAD.find((key) => key.row === row && key.col + key.span === col));
  }

  override _handleRight() {
    const { row, col, span } = this.focusedKey;
    return this.focusKey(KEYPAD.find((key) => key.row === row && key.col === col + span));
  }

  override _handleUp() {
    const { row } = this.focusedKey;
    return row > 0 ? this.focusKey(keyInRow(this.focusedKey, row - 1)) : false;
  }

  override _handleDown() {
    const from = this.focusedKey;
    return this.focusKey(keyInRow(from, from.row + 1));
  }

  override _handleKey(event: KeyboardEvent) {
    const char = digitOf(event) ?? letterOf(event);
    if (char === undefined) return false;
    if (!this.props.confirmingLastAttempt) this.send({ type: 'CHAR', char });
    return true;
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }
}
