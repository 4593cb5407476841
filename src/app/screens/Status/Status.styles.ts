/** Layout of the in-progress screen: the text, and below it a slow moving dot on a track. */
import { screenFrameStyles } from '../../components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, type Theme } from '../../theme/tokens';

/** One sweep of the dot, there and back, in seconds: slow and smooth, never a flash. */
export const PROGRESS_PERIOD_S = 2.4;

export const statusStyles = (theme: Theme) => {
  const { type, colors } = theme;
  const content = screenFrameStyles(theme).content;
  const trackW = 480;
  return {
    fontFace: type.fontFace,
    content,
    body: {
      fontSize: type.heading,
      lineHeight: lineHeight(type.heading, theme),
      color: colors.text,
      gapAfter: 64,
    },
    track: { w: trackW, h: 16, radius: 8, color: colors.surface, x: Math.round((content.w - trackW) / 2) },
    dot: { size: 40, color: colors.accent },
  };
};
