/**
 * A row of Buttons: Left/Right move the focus between them (stopping at the ends), OK presses the
 * focused one (the Button itself). Screens with a few actions at the bottom (messages, booking
 * confirm/done/detail) set the buttons on every render and say which one takes the focus.
 */
import { Lightning } from '@lightningjs/sdk';
import { Button } from '../Button/Button';

interface RowButton {
  label: string;
  onPress: () => void;
}

export interface ButtonRowContent {
  buttons: RowButton[];
  /** Space between two buttons, px. */
  gap: number;
  /** Which button has the focus (default the first). */
  focus?: number;
}

export class ButtonRow extends Lightning.Component {
  static override _template() {
    return { flex: { direction: 'row' as const } };
  }

  private focusIndex = 0;

  set content({ buttons, gap, focus = 0 }: ButtonRowContent) {
    this.patch({
      children: buttons.map((button, i) => ({
        type: Button,
        label: button.label,
        flexItem: { marginRight: i < buttons.length - 1 ? gap : 0 },
        onPress: button.onPress,
      })),
    });
    this.focusIndex = focus;
    if (this.attached) this._refocus();
  }

  override _getFocused(): Lightning.Component {
    return (this.children[this.focusIndex] as Lightning.Component | undefined) ?? this;
  }

  private move(delta: number) {
    const next = this.focusIndex + delta;
    if (next >= 0 && next < this.children.length) {
      this.focusIndex = next;
      this._refocus();
    }
    return true;
  }

  override _handleLeft() {
    return this.move(-1);
  }

  override _handleRight() {
    return this.move(1);
  }
}
