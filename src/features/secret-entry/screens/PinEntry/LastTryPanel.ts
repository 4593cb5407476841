/**
 * The warning before the last try of a PIN or password: what happens if it is wrong, and two
 * buttons, 確認する (CONFIRM) and 入力し直す (BACK). Left/Right move between them; the screen
 * around it handles Back. Used by the PIN entry and the signature password screens.
 */
import { Lightning } from '@lightningjs/sdk';
import { Button } from '../../../../app/components/Button/Button';
import { message, t, withWarningIcon, type MessageRef } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import { lastTryPanelStyles } from './LastTryPanel.styles';

export class LastTryPanel extends Lightning.Component {
  static override _template() {
    const s = lastTryPanelStyles(theme(), { w: 1728, h: 400 });
    return {
      Border: {
        rect: true,
        color: s.border,
        shader: { type: Lightning.shaders.RoundedRectangle, radius: s.radius },
      },
      Fill: {
        x: s.borderWidth,
        y: s.borderWidth,
        rect: true,
        color: s.fill,
        shader: { type: Lightning.shaders.RoundedRectangle, radius: s.radius - s.borderWidth },
      },
      Warning: {
        x: s.text.x,
        y: s.text.y,
        w: s.text.w,
        text: {
          text: '',
          fontFace: s.fontFace,
          fontSize: s.text.fontSize,
          lineHeight: s.text.lineHeight,
          textColor: s.text.color,
          wordWrapWidth: s.text.w,
          maxLines: s.text.maxLines,
          wordBreak: true,
        },
      },
      Confirm: { type: Button, x: s.buttons.x, y: s.buttons.y, fixedWidth: s.buttons.w },
      Reenter: {
        type: Button,
        x: s.buttons.x + s.buttons.w + s.buttons.gap,
        y: s.buttons.y,
        fixedWidth: s.buttons.w,
      },
    };
  }

  /** 0: 確認する, 1: 入力し直す; starts on 確認する, the order the warning names them. */
  private index = 0;
  onConfirm?: () => void;
  onReenter?: () => void;

  /** Lays the panel out in `box` (the screen's free area) and shows `warning`. */
  show(box: { x: number; y: number; w: number; h: number }, warning: MessageRef) {
    const s = lastTryPanelStyles(theme(), box);
    this.patch({ x: box.x, y: box.y, w: s.w, h: s.h });
    this.tag('Border')?.patch({ w: s.w, h: s.h });
    this.tag('Fill')?.patch({ w: s.w - 2 * s.borderWidth, h: s.h - 2 * s.borderWidth });
    this.tag('Warning')?.patch({
      w: s.text.w,
      text: { text: withWarningIcon(message(warning)), wordWrapWidth: s.text.w },
    });
    const confirm = this.tag('Confirm') as unknown as Button;
    const reenter = this.tag('Reenter') as unknown as Button;
    confirm.label = t('login.lastTry.confirm');
    reenter.label = t('login.lastTry.reenter');
    confirm.onPress = () => this.onConfirm?.();
    reenter.onPress = () => this.onReenter?.();
  }

  /** Back to the first button (a new confirmation starts from 確認する). */
  reset() {
    this.index = 0;
  }

  override _getFocused() {
    return this.tag(this.index === 0 ? 'Confirm' : 'Reenter') as unknown as Lightning.Component;
  }

  override _handleLeft() {
    if (this.index === 0) return false;
    this.index = 0;
    this._refocus();
    return true;
  }

  override _handleRight() {
    if (this.index === 1) return false;
    this.index = 1;
    this._refocus();
    return true;
  }
}
