/**
 * A focusable button. Idle it has a thin muted outline; focus shows as fill + a ≥ 4 px light ring +
 * a small scale (never colour alone); OK fires `onPress`. The label is spoken when it takes focus.
 */
import { Lightning } from '@lightningjs/sdk';
import { ringAndFill } from '../../theme/focus-ring';
import { theme } from '../../theme/tokens';
import { buttonStyles } from './Button.styles';

export class Button extends Lightning.Component {
  static override _template() {
    const s = buttonStyles(theme());
    return {
      h: s.h,
      w: s.minW,
      ...ringAndFill({ radius: s.radius, ringWidth: s.outline, fill: s.idle.fill }, { color: s.idle.ring }),
      Label: {
        mountX: 0.5,
        mountY: 0.5,
        text: { text: '', fontFace: s.fontFace, fontSize: s.fontSize, textColor: s.idle.text },
      },
    };
  }

  private labelText = '';
  /** Called with OK; set by the parent. */
  onPress?: () => void;

  set label(value: string) {
    const changed = value !== this.labelText;
    this.labelText = value;
    // Focused before its label arrived (a screen's first render): speak it now.
    if (changed && value && this.attached && this.hasFocus()) this.fireAncestors('$announce', value);
    this.tag('Label')?.patch({ text: { text: value } });
    this.layout();
  }
  get label(): string {
    return this.labelText;
  }

  private fixedW: number | undefined;
  /** Fixed width (for rows of equal buttons); otherwise the label decides. Re-lays out when set
   * (a patch may set it after the label). */
  set fixedWidth(value: number | undefined) {
    this.fixedW = value;
    this.layout();
  }
  get fixedWidth(): number | undefined {
    return this.fixedW;
  }

  override _init() {
    this.tag('Label')?.on('txLoaded', () => this.layout());
    this.layout();
  }

  private layout() {
    const s = buttonStyles(theme());
    const label = this.tag('Label');
    const textWidth = label?.renderWidth ?? 0;
    const w = this.fixedW ?? Math.max(s.minW, Math.ceil(textWidth) + 2 * s.paddingX);
    this.patch({ w });
    this.tag('Fill')?.patch({ w, h: s.h });
    this.layoutRing();
    label?.patch({ x: w / 2, y: s.h / 2 + 2 });
  }

  /** The ring behind the fill: the thick focus ring, or the thin idle outline. */
  private layoutRing() {
    const s = buttonStyles(theme());
    const width = this.hasFocus() ? s.ring : s.outline;
    this.tag('Ring')?.patch({
      x: -width,
      y: -width,
      w: this.w + 2 * width,
      h: s.h + 2 * width,
      shader: { type: Lightning.shaders.RoundedRectangle, radius: s.radius + width },
    });
  }

  override _focus() {
    const s = buttonStyles(theme());
    this.patch({ scale: s.focusScale, zIndex: 1 });
    this.tag('Fill')?.patch({ color: s.focused.fill });
    this.tag('Ring')?.patch({ color: s.focused.ring });
    this.layoutRing();
    this.tag('Label')?.patch({ text: { textColor: s.focused.text } });
    if (this.labelText) this.fireAncestors('$announce', this.labelText);
  }

  override _unfocus() {
    const s = buttonStyles(theme());
    this.patch({ scale: 1, zIndex: 0 });
    this.tag('Fill')?.patch({ color: s.idle.fill });
    this.tag('Ring')?.patch({ color: s.idle.ring });
    this.layoutRing();
    this.tag('Label')?.patch({ text: { textColor: s.idle.text } });
  }

  override _handleEnter() {
    this.onPress?.();
    return true;
  }
}
