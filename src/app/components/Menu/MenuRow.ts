/** One row of a Menu: label left, detail right; focused = focus fill + ring + scale. */
import { Lightning } from '@lightningjs/sdk';
import { ringAndFill } from '../../theme/focus-ring';
import { theme } from '../../theme/tokens';
import { menuStyles } from './Menu.styles';

export interface MenuItem {
  id: string;
  label: string;
  /** Shown right-aligned (a date, a judgement, "空きあり"). */
  detail?: string;
  /** Said after the label when focused (defaults to the detail). */
  spoken?: string;
}

export class MenuRow extends Lightning.Component {
  static override _template() {
    const s = menuStyles(theme());
    return {
      h: s.rowH,
      ...ringAndFill({ radius: s.radius, ringWidth: s.ring, fill: s.idle.fill }, { alpha: 0 }),
      Label: {
        x: s.paddingX,
        mountY: 0.5,
        text: {
          text: '',
          fontFace: s.fontFace,
          fontSize: s.fontSize,
          textColor: s.idle.text,
          maxLines: 1,
          wordBreak: true,
        },
      },
      Detail: {
        mountX: 1,
        mountY: 0.5,
        text: {
          text: '',
          fontFace: s.fontFace,
          fontSize: s.fontSize,
          textColor: s.idle.detail,
          maxLines: 1,
          wordBreak: true,
        },
      },
    };
  }

  item!: MenuItem;

  set row({ item, width }: { item: MenuItem; width: number }) {
    const s = menuStyles(theme());
    this.item = item;
    this.patch({ w: width });
    this.tag('Ring')?.patch({ x: -s.ring, y: -s.ring, w: width + 2 * s.ring, h: s.rowH + 2 * s.ring });
    this.tag('Fill')?.patch({ w: width, h: s.rowH });
    const detailSpace = item.detail ? Math.round(width * 0.4) : 0;
    this.tag('Label')?.patch({
      y: s.rowH / 2 + 2,
      text: { text: item.label, wordWrapWidth: width - 2 * s.paddingX - detailSpace },
    });
    this.tag('Detail')?.patch({
      x: width - s.paddingX,
      y: s.rowH / 2 + 2,
      text: { text: item.detail ?? '', wordWrapWidth: Math.max(1, detailSpace - s.paddingX) },
    });
  }

  override _focus() {
    const s = menuStyles(theme());
    this.patch({ scale: s.focusScale, zIndex: 1 });
    this.tag('Fill')?.patch({ color: s.focused.fill });
    this.tag('Ring')?.patch({ alpha: 1, color: s.focused.ring });
    this.tag('Label')?.patch({ text: { textColor: s.focused.text } });
    this.tag('Detail')?.patch({ text: { textColor: s.focused.detail } });
  }

  override _unfocus() {
    const s = menuStyles(theme());
    this.patch({ scale: 1, zIndex: 0 });
    this.tag('Fill')?.patch({ color: s.idle.fill });
    this.tag('Ring')?.patch({ alpha: 0 });
    this.tag('Label')?.patch({ text: { textColor: s.idle.text } });
    this.tag('Detail')?.patch({ text: { textColor: s.idle.detail } });
  }
}
