/**
 * One checkup: a row per item with its value and unit, its reference range, and where it sits
 * against the range plus the grade, each as icon AND word (never colour alone). The panel under the
 * list says the focused item's judgement in full sentences. OK on an item opens its trend.
 */
import { Menu, type MenuItem } from '../../../../app/components/Menu/Menu';
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { t } from '../../../../app/i18n/i18n';
import type { CheckupItemResult } from '../../../../platform/types';
import { theme } from '../../../../app/theme/tokens';
import type { CheckupDetailProps } from '../../view/health-view';
import { POSITION_ICON, formatDate, judgementWord, positionText, rangePosition } from '../health-format';
import { textTemplate } from '../health-layout';
import { Screen } from '../../../../app/screens/Screen';
import { checkupDetailStyles } from './CheckupDetail.styles';
import { HealthScreen } from '../../index';

export type { CheckupDetailProps };

const itemRow = (item: CheckupItemResult): MenuItem => {
  const position = rangePosition(item.value, item.referenceRange);
  const word = judgementWord(item.judgement);
  return {
    id: item.code,
    label: t('health.checkup.row', {
      name: item.name,
      value: item.value,
      unit: item.unit,
      range: item.referenceRange.text,
    }),
    detail: t('health.checkup.judgement', {
      icon: POSITION_ICON[position],
      position: t(`health.short.${position}`),
      grade: item.judgement,
      word,
    }),
    spoken: t('health.checkup.itemSpoken', {
      position: t(`health.position.${position}`),
      grade: item.judgement,
      word,
    }),
  };
};

const focusedText = (item: CheckupItemResult): string =>
  `${t('health.checkup.focused', {
    range: item.referenceRange.text,
    position: positionText(rangePosition(item.value, item.referenceRange)),
    grade: item.judgement,
    word: judgementWord(item.judgement),
  })}\n${t('health.checkup.openTrend')}`;

export class CheckupDetail extends Screen<CheckupDetailProps> {
  static readonly screenName = HealthScreen.checkupDetail;

  static override _template() {
    const s = checkupDetailStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      Header: textTemplate(s.hint, s.fontFace, s.hintWrap),
      Notice: textTemplate(s.notice, s.fontFace),
      Items: { type: Menu, x: s.menu.x, y: s.menu.y },
      Panel: textTemplate(s.panel, s.fontFace),
    };
  }

  private get items(): Menu {
    return this.tag('Items') as Menu;
  }

  override _setup() {
    this.items.onSelect = (code) => this.send({ type: 'SELECT', id: code });
    this.items.onFocusItem = (code) => this.showFocused(code);
  }

  protected render(props: CheckupDetailProps) {
    const s = checkupDetailStyles(theme());
    const { checkup } = props;
    const ready = !props.loading && checkup !== undefined;
    this.tag('Frame')?.patch({
      frame: {
        title: checkup
          ? t('health.title.checkup', { date: formatDate(checkup.date) })
          : t('health.title.list'),
      },
    });
    this.tag('Notice')?.patch({ text: { text: ready ? '' : t('health.loading') } });
    this.tag('Header')?.patch({
      visible: ready,
      text: {
        text: checkup
          ? t('health.checkup.header', {
              institution: checkup.institution,
              grade: checkup.overallJudgement,
              word: judgementWord(checkup.overallJudgement),
            })
          : '',
      },
    });
    this.items.patch({ visible: ready });
    this.items.setItems(ready ? checkup.items.map(itemRow) : [], {
      width: s.menu.w,
      visibleRows: s.menu.visibleRows,
    });
    this.showFocused(this.items.focusedItem?.id);
    this._refocus();
  }

  private showFocused(code: string | undefined) {
    const item = this.props?.checkup?.items.find((result) => result.code === code);
    this.tag('Panel')?.patch({
      visible: !this.props.loading && item !== undefined,
      text: { text: item ? focusedText(item) : '' },
    });
  }

  override _getFocused() {
    return this.props && !this.props.loading && this.props.checkup ? this.items : this;
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }

  announcement(): string {
    const checkup = this.props?.checkup;
    if (!checkup || this.props.loading) return t('health.loading');
    return t('health.checkup.spoken', { date: formatDate(checkup.date), count: checkup.items.length });
  }
}
