/** One row of a Menu: label left, detail right; focused = focus fill + ring + scale. */
import { Lightning } from '@lightningjs/sdk';
import { mayCutShort } from '../../theme/cut-short';
import { ringAndFill } from '../../theme/focus-ring';
import { canvasMeasure } from '../../theme/measure';
import { theme } from '../../theme/tokens';
import { menuStyles } from './Menu.styles';

export interface MenuItem {
  id: string;
  label: string;
  /** Shown right-aligned (a date, a judgement, "空きあり"). */
  detail?: string;
  /** Said after the label when focused (defaults to the detail). */
  spoken?: string;
  /** A row that does something with the list (スマートフォンに送る), not one of its entries: not counted. */
  action?: boolean;
}

/**
 * The parts of a row that may end in ".." when too long for its one line: only for lists whose
 * rows, opened (or focused, in a panel beside the list), show those texts whole.
 */
export type RowCut = ReadonlyArray<'label' | 'detail'>;

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

  set row({ item, width, mayCut = [] }: { item: MenuItem; width: number; mayCut?: RowCut }) {
    const s = menuStyles(theme());
    this.item = item;
    this.patch({ w: width });
    this.tag('Ring')?.patch({ x: -s.ring, y: -s.ring, w: width + 2 * s.ring, h: s.rowH + 2 * s.ring });
    this.tag('Fill')?.patch({ w: width, h: s.rowH });
    // When label and detail both fit, the detail gets the room it needs and the label the rest (a
    // paddingX apart); when they do not, the label (what the row is) keeps 60 %.
    const measure = canvasMeasure(s.fontSize, s.fontFace);
    const detailW = item.detail ? Math.ceil(measure(item.detail)) + 2 : 0;
    const bothFit = measure(item.label) + 2 + detailW <= width - 3 * s.paddingX;
    const detailSpace = !item.detail ? 0 : bothFit ? detailW + s.paddingX : Math.round(width * 0.4);
    this.tag('Label')?.patch({
      y: s.rowH / 2 + 2,
      ...mayCutShort(mayCut.includes('label')),
      text: { text: item.label, wordWrapWidth: width - 2 * s.paddingX - detailSpace },
    });
    this.tag('Detail')?.patch({
      x: width - s.paddingX,
      y: s.rowH / 2 + 2,
      ...mayCutShort(mayCut.includes('detail')),
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
