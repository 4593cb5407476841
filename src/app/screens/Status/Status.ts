/**
 * 'status': something is in progress (connecting, signing, loading). The title and a line say
 * what; a dot glides along a track so the viewer sees the box is working (after PROGRESS_DELAY_S:
 * short steps cost no animation frames). The motion is slow and smooth (no blinking, nothing
 * faster than 3 times a second). No keys: the flow moves on by itself.
 */
import { Lightning } from '@lightningjs/sdk';
import { ScreenFrame } from '../../components/ScreenFrame/ScreenFrame';
import { message, t } from '../../i18n/i18n';
import { theme } from '../../theme/tokens';
import type { StatusProps } from '../../view/app-view';
import { spokenJoin } from '../content';
import { Screen } from '../Screen';
import { PROGRESS_DELAY_S, PROGRESS_PERIOD_S, statusStyles } from './Status.styles';
import { ShellScreen } from '../ids';

export class Status extends Screen<StatusProps> {
  static readonly screenName = ShellScreen.status;

  static override _template() {
    const s = statusStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      Body: {
        x: s.content.x,
        y: s.content.y + 80,
        w: s.content.w,
        text: {
          text: '',
          fontFace: s.fontFace,
          fontSize: s.body.fontSize,
          lineHeight: s.body.lineHeight,
          textColor: s.body.color,
          wordWrapWidth: s.content.w,
          wordBreak: true,
          textAlign: 'center',
        },
      },
      Track: {
        x: s.content.x + s.track.x,
        y: s.content.y + 80 + 3 * s.body.lineHeight + s.body.gapAfter,
        w: s.track.w,
        h: s.track.h,
        rect: true,
        color: s.track.color,
        shader: { type: Lightning.shaders.RoundedRectangle, radius: s.track.radius },
        Dot: {
          y: s.track.h / 2,
          mountY: 0.5,
          w: s.dot.size,
          h: s.dot.size,
          rect: true,
          color: s.dot.color,
          shader: { type: Lightning.shaders.RoundedRectangle, radius: s.dot.size / 2 },
        },
      },
    };
  }

  private motion?: ReturnType<Lightning.Component['animation']>;

  private bodyText(props: StatusProps): string {
    if (props.bodyKey) return t(props.bodyKey);
    return props.body ? message(props.body) : '';
  }

  protected render(props: StatusProps) {
    this.tag('Frame')?.patch({
      frame: { title: t(props.titleKey) },
    });
    this.tag('Body')?.patch({ text: { text: this.bodyText(props) } });
  }

  announcement(): string {
    return spokenJoin([t(this.props.titleKey), this.bodyText(this.props)]);
  }

  override _attach() {
    const s = statusStyles(theme());
    this.motion = this.tag('Track.Dot')?.animation({
      duration: PROGRESS_PERIOD_S,
      delay: PROGRESS_DELAY_S,
      repeat: -1,
      actions: [{ p: 'x', v: { 0: 0, 0.5: s.track.w - s.dot.size, 1: 0 } }],
    });
    this.motion?.start();
  }

  override _detach() {
    this.motion?.stop();
  }

  /** Nothing to go back to while the flow works; the flow offers a way out when it is done. */
  override _handleBack() {
    return true;
  }
}
