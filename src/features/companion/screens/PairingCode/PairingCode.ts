/**
 * 'pairing-code' (also スマートフォンでログイン, with `login`): the QR code of the phone page (with the code filled in) and, beside it, the steps
 * (1. スマートフォンのカメラで読み取る 2. 画面の案内に従って承認), the user code in very large type,
 * the short address for typing it instead, and the minutes left. The code is spoken letter by
 * letter when the screen appears; the time left only then and once more in the last minute. Back
 * leaves. Nothing here is personal: the QR holds only the page's address and the code.
 */
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { currentLanguage, t } from '../../../../app/i18n/i18n';
import { Screen } from '../../../../app/screens/Screen';
import { theme } from '../../../../app/theme/tokens';
import type { PairingCodeProps } from '../../view/companion-view';
import { spokenCode } from './spoken-code';
import { pairingCodeStyles } from './PairingCode.styles';
import { qrTexture } from './qr';

export type { PairingCodeProps };

type Styles = ReturnType<typeof pairingCodeStyles>;
type Line = Styles['step'] & { letterSpacing?: number };

const line = (s: Styles, style: Line) => ({
  w: s.column.w,
  flexItem: { marginTop: style.marginTop, marginBottom: style.marginBottom },
  text: {
    text: '',
    fontFace: s.fontFace,
    fontSize: style.fontSize,
    lineHeight: style.lineHeight,
    textColor: style.color,
    wordWrapWidth: s.column.w,
    wordBreak: true,
    maxLines: style.maxLines,
    ...(style.letterSpacing ? { letterSpacing: style.letterSpacing } : {}),
  },
});

/** Pairing a phone, or logging in by it (the same codes, another title). */
const titleOf = (props: PairingCodeProps): string =>
  props.login ? 'companion.login.title' : 'companion.title';

export class PairingCode extends Screen<PairingCodeProps> {
  static override _template() {
    const s = pairingCodeStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      Qr: { x: s.qr.x, y: s.qr.y },
      Column: {
        x: s.column.x,
        y: s.column.y,
        w: s.column.w,
        flex: { direction: 'column' },
        Step1: line(s, s.step),
        Step2: line(s, s.step),
        Code: line(s, s.code),
        TypeInstead: line(s, s.typeInstead),
        Url: line(s, s.url),
        Time: line(s, s.time),
      },
    };
  }

  private drawnFor: string | undefined;

  protected render(props: PairingCodeProps) {
    const s = pairingCodeStyles(theme());
    this.tag('Frame')?.patch({ frame: { title: t(titleOf(props)) } });
    // The texture only when the address changes (a new code): not on each minute's update.
    const key = `${props.verificationUriComplete}@${s.qr.maxSide}`;
    if (this.drawnFor !== key) {
      const { texture, side } = qrTexture(props.verificationUriComplete, s.qr.maxSide);
      this.tag('Qr')?.patch({ w: side, h: side, texture });
      this.drawnFor = key;
    }
    const text = (ref: string, value: string) => this.tag(`Column.${ref}`)?.patch({ text: { text: value } });
    text('Step1', t('companion.step1'));
    text('Step2', t(props.login ? 'companion.login.step2' : 'companion.step2'));
    text('Code', props.userCode);
    text('TypeInstead', t('companion.typeInstead'));
    text('Url', props.verificationUri);
    text('Time', this.timeLine(props));
  }

  private previousMinutes: number | undefined;

  override update(props: PairingCodeProps): void {
    const before = this.previousMinutes;
    super.update(props);
    this.previousMinutes = props.minutesLeft;
    // Said once more, in the last minute only: a countdown read every minute would be noise.
    if (before !== undefined && before > 1 && props.minutesLeft === 1)
      this.announce(t('companion.lastMinute'));
  }

  private timeLine(props: PairingCodeProps): string {
    const minutes = props.minutesLeft;
    return t(props.reconnecting ? 'companion.reconnecting' : 'companion.minutesLeft', { minutes });
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }

  announcement(): string {
    if (!this.props) return t('companion.title');
    return t(this.props.login ? 'companion.login.spoken' : 'companion.spoken', {
      title: t(titleOf(this.props)),
      code: spokenCode(this.props.userCode, currentLanguage()),
      time: t('companion.minutesLeft', { minutes: this.props.minutesLeft }),
    });
  }
}
