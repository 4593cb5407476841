/**
 * The idle warning over whatever screen shows: "no activity, you will be logged out in N seconds;
 * press any button". The countdown is presentation only (the session machine owns the timeout);
 * the shell sends EXTEND on any key and calls `hide()`.
 */
import { Lightning } from '@lightningjs/sdk';
import { message, t } from '../../i18n/i18n';
import { theme } from '../../theme/tokens';
import { Button } from '../Button/Button';
import { idleWarningStyles } from './IdleWarning.styles';

export class IdleWarning extends Lightning.Component {
  static override _template() {
    const s = idleWarningStyles(theme());
    const line = (spec: { fontSize: number; lineHeight: number; color: number; gapAfter: number }) => ({
      w: s.textW,
      flexItem: { marginBottom: spec.gapAfter },
      text: {
        text: '',
        fontFace: s.fontFace,
        fontSize: spec.fontSize,
        lineHeight: spec.lineHeight,
        textColor: spec.color,
        wordWrapWidth: s.textW,
        wordBreak: true,
        textAlign: 'center',
      },
    });
    return {
      visible: false,
      Dim: { rect: true, w: s.dim.w, h: s.dim.h, color: s.dim.color },
      Panel: {
        x: s.panel.x,
        y: s.panel.y,
        mount: 0.5,
        w: s.panel.w,
        flex: {
          direction: 'column',
          alignItems: 'center',
          paddingLeft: s.panel.paddingX,
          paddingRight: s.panel.paddingX,
          paddingTop: s.panel.paddingY,
          paddingBottom: s.panel.paddingY,
        },
        rect: true,
        color: s.panel.color,
        shader: { type: Lightning.shaders.RoundedRectangle, radius: s.panel.radius },
        Title: line(s.title),
        Body: line(s.body),
        Countdown: line(s.countdown),
        Continue: { type: Button },
      },
    };
  }

  private seconds = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  /** Shows the warning counting down from `seconds`. */
  show(seconds: number): void {
    this.seconds = Math.max(0, Math.round(seconds));
    this.patch({ visible: true });
    this.paint();
    this.stopTimer();
    this.timer = setInterval(() => {
      this.seconds = Math.max(0, this.seconds - 1);
      this.paint();
      if (this.seconds === 0) this.stopTimer();
    }, 1000);
  }

  hide(): void {
    this.stopTimer();
    this.patch({ visible: false });
  }

  /** What the voice says when the warning appears. */
  announcement(): string {
    return `${t('idle.title')} ${message({ key: 'idleWarning', params: { seconds: this.seconds } })}`;
  }

  private paint() {
    this.tag('Panel.Title')?.patch({ text: { text: t('idle.title') } });
    this.tag('Panel.Body')?.patch({
      text: { text: message({ key: 'idleWarning', params: { seconds: this.seconds } }) },
    });
    this.tag('Panel.Countdown')?.patch({ text: { text: t('idle.secondsLeft', { seconds: this.seconds }) } });
    (this.tag('Panel.Continue') as unknown as Button).label = t('idle.continue');
  }

  private stopTimer() {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  override _getFocused() {
    return this.tag('Panel.Continue') as unknown as Button;
  }

  override _detach() {
    this.stopTimer();
  }
}
