/**
 * The 4-digit PIN, for login or as the last step of registration: four large boxes fill with ● as
 * digits are typed (never the digits), the tries left, the error of the last try, and how to type.
 * With one try left the machine asks for a confirmation: the warning panel takes the focus.
 */
import { Lightning } from '@lightningjs/sdk';
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { message, t, withWarningIcon } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { PinEntryProps } from '../../props';
import { DigitEntryScreen } from '../DigitEntryScreen';
import { outlinedElement } from '../entry-field';
import { LastTryPanel } from './LastTryPanel';
import { columnLine, entryColumn, pinEntryStyles } from './PinEntry.styles';
import { SecretEntryScreen } from '../../index';
import { answerPanelTo, FILLED, secretAnnouncement, showLastTry, triesLine } from '../secret-screen';

export type { PinEntryProps };

/** One empty box; renderBoxes sets its colours and whether its ● shows. */
const boxTemplate = (index: number) => {
  const { box } = pinEntryStyles(theme());
  const outline = {
    x: index * (box.size + box.gap),
    y: 0,
    w: box.size,
    h: box.size,
    border: box.border,
    borderColor: box.empty,
    fill: theme().colors.background,
  };
  return outlinedElement(outline, {
    Dot: {
      x: box.size / 2,
      y: box.size / 2 + 4,
      mount: 0.5,
      visible: false,
      text: { text: FILLED, fontFace: theme().type.fontFace, fontSize: box.dot, textColor: box.filled },
    },
  });
};

export class PinEntry extends DigitEntryScreen<PinEntryProps> {
  static readonly screenName = SecretEntryScreen.pinEntry;

  static override _template() {
    const s = pinEntryStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      // One column, each line as tall as its text: at the larger text sizes a one-line instruction
      // or error leaves its room to the lines below instead of pushing them into the legend.
      Column: entryColumn(s.content, {
        Instruction: columnLine(s.instruction, s.fontFace),
        Boxes: {
          w: s.boxes.w,
          h: s.box.size,
          flexItem: { marginTop: s.boxes.gapAbove, marginBottom: s.boxes.gapBelow },
        },
        Tries: columnLine(s.tries, s.fontFace),
        Error: columnLine(s.error(true), s.fontFace),
        HowTo: columnLine(s.howTo, s.fontFace),
      }),
      Panel: { type: LastTryPanel, visible: false },
    };
  }

  private shown: PinEntryProps | undefined;

  override _init() {
    answerPanelTo(this.tag('Panel') as unknown as LastTryPanel, (event) => this.send(event));
  }

  protected render(props: PinEntryProps) {
    const s = pinEntryStyles(theme());
    const before = this.shown;
    this.shown = props;
    const titleKey = props.purpose === 'login' ? 'login.pin.title' : 'registration.pin.title';
    this.tag('Frame')?.patch({
      frame: { title: t(titleKey) },
    });
    this.tag('Column.Instruction')?.patch({ text: { text: message({ key: 'enterPin' }) } });
    this.renderBoxes(props);

    const confirming = props.confirmingLastAttempt;
    const tries = triesLine(props);
    this.tag('Column.Tries')?.patch({
      visible: !confirming && tries !== undefined,
      text: { text: tries ?? '' },
    });
    const error = props.error ? withWarningIcon(message(props.error)) : '';
    this.tag('Column.Error')?.patch({ visible: !confirming && error !== '', text: { text: error } });
    const howTo = props.waiting ? t('login.pin.waiting') : t('login.pin.howTo');
    this.tag('Column.HowTo')?.patch({ visible: !confirming, text: { text: howTo } });

    // Spoken before the focus moves (a focused button speaks its label after the warning).
    const spoken =
      showLastTry(this.tag('Panel') as unknown as LastTryPanel, s.panel, props, before) ??
      (before && props.waiting && !before.waiting ? t('login.pin.waiting') : undefined);
    if (spoken) this.announce(spoken);
    this._refocus();
  }

  /**
   * Patches the boxes in place: a digit or a delete changes two boxes' colours and one dot's
   * visibility. The boxes are created once (per length); the dot's text never changes, so no text
   * texture is drawn again on a key (rebuilding the boxes on every key cost a frame on the box).
   */
  private renderBoxes(props: PinEntryProps) {
    const { box } = pinEntryStyles(theme());
    const container = this.tag('Column.Boxes');
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
    const title = t(this.props.purpose === 'login' ? 'login.pin.title' : 'registration.pin.title');
    return secretAnnouncement(title, { key: 'enterPin' }, this.props, t('login.pin.howTo'));
  }

  override _getFocused(): Lightning.Component {
    return this.props?.confirmingLastAttempt ? (this.tag('Panel') as unknown as Lightning.Component) : this;
  }

  /** The warning panel is modal: digits wait until the viewer chose. */
  protected override digitsPaused() {
    return this.props.confirmingLastAttempt;
  }
}
