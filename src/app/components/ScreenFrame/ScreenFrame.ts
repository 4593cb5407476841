/** Title, operator name and the colour-key legend around a screen's content (see the styles). */
import { Lightning } from '@lightningjs/sdk';
import { currentLanguage, t } from '../../i18n/i18n';
import { settings } from '../../settings/settings';
import { canvasMeasure } from '../../theme/measure';
import { lineHeight, theme } from '../../theme/tokens';
import { REMOTE_KEY_COLORS, screenFrameStyles } from './ScreenFrame.styles';

type FrameStyles = ReturnType<typeof screenFrameStyles>;

/**
 * How the title is drawn: at the title size when it fits its one line; else (a long title at 大 or
 * 特大, or in English) at the largest size at which it does, never under the body size, centred on
 * the title's line; else on two lines at the body size, set closer so they stay above the content.
 */
function titleLook(title: string, s: FrameStyles): { fontSize: number; lineHeight: number; y: number } {
  const { fontSize, minFontSize, w, y } = s.title;
  const fits = (size: number) => canvasMeasure(size, s.fontFace)(title) <= w;
  if (fits(fontSize)) return { fontSize, lineHeight: s.title.lineHeight, y };
  // Glyphs scale with the size: start from the proportional size and step down until it fits.
  const width = canvasMeasure(fontSize, s.fontFace)(title);
  let size = Math.max(minFontSize, Math.floor((fontSize * w) / width));
  while (size > minFontSize && !fits(size)) size -= 1;
  if (fits(size))
    return { fontSize: size, lineHeight: lineHeight(size), y: y + Math.round((fontSize - size) / 2) };
  return { fontSize: minFontSize, lineHeight: Math.round(minFontSize * 1.2), y };
}

export interface FrameProps {
  title: string;
  /** Show the colour-key legend (hidden on full-screen errors that have their own buttons only). */
  keyHints?: boolean;
}

export class ScreenFrame extends Lightning.Component {
  static override _template() {
    const s = screenFrameStyles(theme());
    // Each hint is a flex row itself, so the legend row knows its width (dot + word).
    const hint = (color: number) => ({
      flex: { direction: 'row' },
      Dot: {
        w: s.footer.dot,
        h: s.footer.dot,
        rect: true,
        color,
        shader: { type: Lightning.shaders.RoundedRectangle, radius: s.footer.dot / 2 },
        flexItem: { marginTop: (s.footer.lineHeight - s.footer.dot) / 2 + 4, marginRight: 14 },
      },
      Word: {
        text: {
          text: '',
          fontFace: s.fontFace,
          fontSize: s.footer.fontSize,
          lineHeight: s.footer.lineHeight,
          textColor: s.footer.color,
        },
      },
    });
    return {
      Title: {
        x: s.title.x,
        y: s.title.y,
        text: {
          text: '',
          fontFace: s.fontFace,
          fontSize: s.title.fontSize,
          lineHeight: s.title.lineHeight,
          textColor: s.title.color,
          wordWrapWidth: s.title.w,
          maxLines: 2,
          wordBreak: true,
        },
      },
      Operator: {
        x: s.operator.x,
        y: s.operator.y,
        mountX: 1,
        text: {
          text: '',
          fontFace: s.fontFace,
          fontSize: s.operator.fontSize,
          textColor: s.operator.color,
          wordWrapWidth: s.operator.w,
          // A long name takes a second line, still above the content.
          maxLines: 2,
          wordBreak: true,
          textAlign: 'right',
        },
      },
      // The operator's logo (settings.theme.logo) replaces the name when there is one.
      Logo: {
        visible: false,
        x: s.operator.x,
        y: s.title.y + 8,
        mountX: 1,
        w: s.logo.w,
        h: s.logo.h,
      },
      Footer: {
        x: s.footer.x,
        y: s.footer.y,
        flex: { direction: 'row' },
        Red: { ...hint(REMOTE_KEY_COLORS.red), flexItem: { marginRight: s.footer.gap } },
        Green: { ...hint(REMOTE_KEY_COLORS.green), flexItem: { marginRight: s.footer.gap } },
        Yellow: { ...hint(REMOTE_KEY_COLORS.yellow), flexItem: { marginRight: s.footer.gap } },
        Blue: { ...hint(REMOTE_KEY_COLORS.blue) },
      },
    };
  }

  private logoShown?: string;

  /** The operator's name (or logo) comes from the settings, in the current language. */
  set frame({ title, keyHints = true }: FrameProps) {
    const s = screenFrameStyles(theme());
    const operator = settings().operator.name[currentLanguage()];
    const { y, fontSize, lineHeight: titleLineHeight } = titleLook(title, s);
    this.tag('Title')?.patch({ y, text: { text: title, fontSize, lineHeight: titleLineHeight } });
    const logo = settings().theme.logo;
    this.tag('Operator')?.patch({ visible: !logo, text: { text: operator } });
    // hasAlpha: Lightning guesses alpha from '.png' only; an SVG's clear background came out black.
    // The logo's texture once: a new ImageTexture on every render (every key) is wasted work.
    if (logo && logo !== this.logoShown) {
      this.logoShown = logo;
      this.tag('Logo')?.patch({
        visible: true,
        texture: { type: Lightning.textures.ImageTexture, src: logo, hasAlpha: true },
      });
    }
    this.tag('Footer')?.patch({ visible: keyHints });
    this.tag('Footer.Red.Word')?.patch({ text: { text: `${t('common.keyRed')}：${t('common.keyHelp')}` } });
    this.tag('Footer.Green.Word')?.patch({
      text: { text: `${t('common.keyGreen')}：${t('common.keyRepeat')}` },
    });
    this.tag('Footer.Yellow.Word')?.patch({
      text: { text: `${t('common.keyYellow')}：${t('common.keyTextSize')}` },
    });
    this.tag('Footer.Blue.Word')?.patch({
      text: { text: `${t('common.keyBlue')}：${t('common.keyLanguage')}` },
    });
  }
}
