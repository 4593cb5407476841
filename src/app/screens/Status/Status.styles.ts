/** Layout of the in-progress screen: the text, and below it a slow moving dot on a track. */
import { screenFrameStyles } from '../../components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, type Theme } from '../../theme/tokens';

/** One sweep of the dot, there and back, in seconds: slow and smooth, never a flash. */
export const PROGRESS_PERIOD_S = 2.4;

/**
 * The dot starts moving only after this wait: a short step (a login is ~0.2 s) then draws one frame
 * instead of 30 a second, leaving the box's CPU (software WebGL on many STBs) to the card and the
 * network. The title and the still dot show at once.
 */
export const PROGRESS_DELAY_S = 0.5;

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
