/**
 * The 4-digit PIN, for login or as the last step of registration: four large boxes fill with ● as
 * digits are typed (never the digits), the tries left, the error of the last try, and how to type.
 * With one try left the machine asks for a confirmation: the warning panel takes the focus.
 */
import { Lightning } from '@lightningjs/sdk';
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { message, t, type MessageRef } from '../../../../app/i18n/i18n';
import { digitOf } from '../../../../app/keys/keymap';
import { theme } from '../../../../app/theme/tokens';
import type { PinEntryProps } from '../../props';
import { Screen } from '../../../../app/screens/Screen';
import { LastTryPanel, withWarningIcon } from './LastTryPanel';
import { pinEntryStyles, textElement } from './PinEntry.styles';
import { SecretEntryScreen } from '../../index';

export type { PinEntryProps };

const LAST_TRY: MessageRef = { key: 'lastAttemptConfirm' };
export const FILLED = '●';

export const sameMessage = (a: MessageRef | undefined, b: MessageRef | undefined): boolean =>
  a?.key === b?.key && JSON.stringify(a?.params ?? {}) === JSON.stringify(b?.params ?? {});

/** The tries line, unless the error already says how many are left. */
export const triesLine = (props: { triesLeft?: number; error?: MessageRef }): string | undefined =>
  props.triesLeft === undefined || props.error?.params?.triesLeft !== undefined
    ? undefined
    : message({ key: 'triesLeft', params: { triesLeft: props.triesLeft } });

/** One empty box; renderBoxes sets its colours and whether its ● shows. */
const boxTemplate = (index: number) => {
  const { box } = pinEntryStyles(theme());
  return {
    x: index * (box.size + box.gap),
    w: box.size,
    h: box.size,
    rect: true,
    color: box.empty,
    Inner: {
      x: box.border,
      y: box.border,
      w: box.size - 2 * box.border,
      h: box.size - 2 * box.border,
      rect: true,
      color: theme().colors.background,
    },
    Dot: {
      x: box.size / 2,
      y: box.size / 2 + 4,
      mount: 0.5,
      visible: false,
      text: { text: FILLED, fontFace: theme().type.fontFace, fontSize: box.dot, textColor: box.filled },
    },
  };
};

export class PinEntry extends Screen<PinEntryProps> {
  static readonly screenName = SecretEntryScreen.pinEntry;

  static override _template() {
    const s = pinEntryStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      Instruction: textElement(s.instruction, s.fontFace, 'center'),
      Boxes: { x: s.boxes.x, y: s.boxes.y },
      Tries: textElement(s.tries, s.fontFace, 'center'),
      Error: textElement(s.error(true), s.fontFace, 'center'),
      HowTo: textElement(s.howTo, s.fontFace, 'center'),
      Panel: { type: LastTryPanel, visible: false },
    };
  }

  private shown: PinEntryProps | undefined;

  override _init() {
    const panel = this.tag('Panel') as unknown as LastTryPanel;
    panel.onConfirm = () => this.send({ type: 'CONFIRM' });
    panel.onReenter = () => this.send({ type: 'BACK' });
  }

  protected render(props: PinEntryProps) {
    const s = pinEntryStyles(theme());
    const before = this.shown;
    this.shown = props;
    const titleKey = props.purpose === 'login' ? 'login.pin.title' : 'registration.pin.title';
    this.tag('Frame')?.patch({
      frame: { title: t(titleKey) },
    });
    this.tag('Instruction')?.patch({ text: { text: message({ key: 'enterPin' }) } });
    this.renderBoxes(props);

    const confirming = props.confirmingLastAttempt;
    const tries = triesLine(props);
    this.tag('Tries')?.patch({ visible: !confirming && tries !== undefined, text: { text: tries ?? '' } });
    const error = props.error ? withWarningIcon(message(props.error)) : '';
    this.tag('Error')?.patch({
      visible: !confirming && error !== '',
      y: s.error(tries !== undefined).y,
      text: { text: error },
    });
    const howTo = props.waiting ? t('login.pin.waiting') : t('login.pin.howTo');
    this.tag('HowTo')?.patch({ visible: !confirming, text: { text: howTo } });

    const panel = this.tag('Panel') as unknown as LastTryPanel;
    panel.patch({ visible: confirming });
    if (confirming) panel.show(s.panel, LAST_TRY);
    if (confirming && !before?.confirmingLastAttempt) panel.reset();
    // The screen's own announcement covers its first view; later changes are spoken as they come,
    // before the focus moves (a focused button speaks its label after the warning).
    if (before) {
      if (confirming && !before.confirmingLastAttempt) this.announce(message(LAST_TRY));
      else if (props.error && !sameMessage(props.error, before.error)) this.announce(message(props.error));
      else if (props.waiting && !before.waiting) this.announce(t('login.pin.waiting'));
    }
    this._refocus();
  }

  /**
   * Patches the boxes in place: a digit or a delete changes two boxes' colours and one dot's
   * visibility. The boxes are created once (per length); the dot's text never changes, so no text
   * texture is drawn again on a key (rebuilding the boxes on every key cost a frame on the box).
   */
  private renderBoxes(props: PinEntryProps) {
    const { box } = pinEntryStyles(theme());
    const container = this.tag('Boxes');
    if (!container) return;
    if (container.children.length !== props.maxDigits) {
      container.children = Array.from({ length: props.maxDigits }, (_, i) => boxTemplate(i));
    }
    (container.children as Lightning.Element[]).forEach((element, i) => {
      const filled = i < props.digits;
      const next = i === props.digits && !props.waiting;
      element.patch({
        // An outline: the border colour behind a slightly smaller fill.
        color: next ? box.next : filled ? box.filled : box.empty,
        Inner: { color: filled ? box.fill : theme().colors.background },
        Dot: { visible: filled },
      });
    });
  }

  announcement(): string {
    const props = this.props;
    const title = t(props.purpose === 'login' ? 'login.pin.title' : 'registration.pin.title');
    if (props.confirmingLastAttempt) return [title, message(LAST_TRY)].join(' ');
    const parts = [
      title,
      message({ key: 'enterPin' }),
      triesLine(props),
      props.error && message(props.error),
      t('login.pin.howTo'),
    ];
    return parts.filter(Boolean).join(' ');
  }

  override _getFocused(): Lightning.Component {
    return this.props?.confirmingLastAttempt ? (this.tag('Panel') as unknown as Lightning.Component) : this;
  }

  override _handleKey(event: KeyboardEvent) {
    const digit = digitOf(event);
    if (digit === undefined) return false;
    // The warning panel is modal: digits wait until the viewer chose.
    if (!this.props.confirmingLastAttempt) this.send({ type: 'DIGIT', digit });
    return true;
  }

  override _handleEnter() {
    this.send({ type: 'OK' });
    return true;
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }
}
